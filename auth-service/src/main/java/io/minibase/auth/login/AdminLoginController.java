package io.minibase.auth.login;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin login with username and password; the token carries role ADMIN. */
@RestController
@RequestMapping("/api/admin/auth")
class AdminLoginController {

	private final LoginService logins;

	AdminLoginController(LoginService logins) {
		this.logins = logins;
	}

	@PostMapping("/login")
	LoginResponse login(@Valid @RequestBody AdminLogin request) {
		return this.logins.adminLogin(request.username(), request.password());
	}

	/** An admin's credentials. */
	record AdminLogin(@NotBlank(message = "must not be blank") @Size(max = 64) String username,
			@NotBlank(message = "must not be blank") @Size(max = 128) String password) {

		@Override
		public String toString() {
			return "AdminLogin[username=" + this.username + "]";
		}

	}

}
