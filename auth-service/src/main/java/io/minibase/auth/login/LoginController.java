package io.minibase.auth.login;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Login with a WeChat code, token refresh and logout. */
@RestController
@RequestMapping("/api/auth")
class LoginController {

	private final LoginService logins;

	LoginController(LoginService logins) {
		this.logins = logins;
	}

	@PostMapping("/wechat/login")
	LoginResponse login(@Valid @RequestBody WeChatLogin request) {
		return this.logins.login(request.code());
	}

	@PostMapping("/refresh")
	LoginResponse refresh(@Valid @RequestBody Refresh request) {
		return this.logins.refresh(request.refreshToken());
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(@AuthenticationPrincipal Jwt token) {
		this.logins.logout(token);
	}

	/** The code of {@code wx.login()}. */
	record WeChatLogin(@NotBlank(message = "must not be blank") @Size(max = 128) String code) {

		// a code is a one-time credential: keep it out of logs
		@Override
		public String toString() {
			return "WeChatLogin[redacted]";
		}

	}

	/** A refresh token of an earlier login or refresh. */
	record Refresh(@NotBlank(message = "must not be blank") @Size(max = 128) String refreshToken) {

		@Override
		public String toString() {
			return "Refresh[redacted]";
		}

	}

}
