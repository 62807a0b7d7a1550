package io.minibase.auth.user;

import java.time.Instant;

import io.minibase.auth.phone.PhoneNumbers;
import io.minibase.common.wechat.ContentSecurity;
import io.minibase.common.wechat.ContentSecurity.Scene;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own profile. */
@RestController
@RequestMapping("/api/users/me")
class UserController {

	private final Users users;

	private final PhoneNumbers phones;

	private final ContentSecurity contentSecurity;

	UserController(Users users, PhoneNumbers phones, ContentSecurity contentSecurity) {
		this.users = users;
		this.phones = phones;
		this.contentSecurity = contentSecurity;
	}

	@GetMapping
	Profile me(@AuthenticationPrincipal Jwt token) {
		return Profile.of(this.users.find(userId(token)));
	}

	/**
	 * Changes the profile. Others see the nickname, so WeChat's text check passes it
	 * before it is saved: risky is 422 {@code /content-rejected}, and while WeChat cannot
	 * be asked nothing is saved (503; see ContentSecurity for why it fails closed).
	 */
	@PatchMapping
	Profile update(@AuthenticationPrincipal Jwt token, @Valid @RequestBody UpdateProfile update) {
		long id = userId(token);
		if (update.nickname() != null) {
			this.contentSecurity.requireSafeText(this.users.find(id).openid(), Scene.PROFILE, "nickname",
					update.nickname());
		}
		return Profile.of(this.users.updateProfile(id, update.nickname(), update.avatarUrl()));
	}

	/**
	 * Binds the phone number of a getPhoneNumber code; the answer shows it masked only.
	 */
	@PostMapping("/phone")
	Profile linkPhone(@AuthenticationPrincipal Jwt token, @Valid @RequestBody LinkPhone request) {
		return Profile.of(this.phones.link(userId(token), request.code()));
	}

	private static long userId(Jwt token) {
		return Long.parseLong(token.getSubject());
	}

	/**
	 * What a user sees of themselves; the phone number masked ({@code 138****5678}), null
	 * until one is bound.
	 */
	record Profile(String id, String nickname, String avatarUrl, Instant createdAt, String phoneMasked) {

		static Profile of(User user) {
			return new Profile(String.valueOf(user.id()), user.nickname(), user.avatarUrl(), user.createdAt(),
					user.phoneMasked());
		}

	}

	/** The code of the mini-program's getPhoneNumber button. */
	record LinkPhone(@NotBlank(message = "must not be blank") @Size(max = 128,
			message = "must be at most 128 characters") String code) {
	}

	/** A partial update: an absent field is kept. */
	record UpdateProfile(
			@Size(min = 1, max = 32, message = "must be 1 to 32 characters") @Pattern(regexp = "(?s).*\\S.*",
					message = "must not be blank") String nickname,
			@Size(max = 512, message = "must be at most 512 characters") @Pattern(regexp = "https://[^\\s/?#]+[^\\s]*",
					message = "must be an https URL") String avatarUrl) {
	}

}
