package io.minibase.auth.user;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.minibase.common.web.CursorPage;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's users as its admins see them (role ADMIN, SecurityConfiguration): a list
 * newest first, searched by id or nickname prefix, and disabling one, which ends their
 * sessions at once.
 */
@RestController
@RequestMapping("/api/admin/users")
class UserAdminController {

	private final Users users;

	UserAdminController(Users users) {
		this.users = users;
	}

	@GetMapping
	CursorPage<UserSummary> list(@RequestParam(required = false) @Size(max = 64) String q,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) String cursor) {
		return this.users.page(q, size, cursor);
	}

	@PostMapping("/{id}/disable")
	UserSummary disable(@PathVariable long id, @AuthenticationPrincipal Jwt admin) {
		if (String.valueOf(id).equals(admin.getSubject())) {
			throw new CannotDisableYourself();
		}
		return this.users.disable(id);
	}

	@PostMapping("/{id}/enable")
	UserSummary enable(@PathVariable long id) {
		return this.users.enable(id);
	}

	/** A row of the list as MyBatis reads it. */
	record UserSummaryRow(long id, String nickname, String avatarUrl, String phoneMasked, String roles,
			Instant createdAt, Instant disabledAt) {

		UserSummary view() {
			return new UserSummary(String.valueOf(this.id), this.nickname, this.avatarUrl, this.phoneMasked,
					Arrays.stream(this.roles.split(",")).map(String::trim).filter((r) -> !r.isEmpty()).toList(),
					this.createdAt, this.disabledAt != null);
		}

	}

	/** A user in the admin's list: no openid, unionid or phone number, only its mask. */
	record UserSummary(String id, String nickname, String avatarUrl, String phoneMasked, List<String> roles,
			Instant createdAt, boolean disabled) {

	}

}
