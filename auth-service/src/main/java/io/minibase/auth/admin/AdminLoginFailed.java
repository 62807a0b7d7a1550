package io.minibase.auth.admin;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** An admin login that did not succeed. */
public class AdminLoginFailed extends ErrorResponseException {

	AdminLoginFailed(HttpStatus status, String detail) {
		super(status);
		getBody().setDetail(detail);
	}

	/** Wrong username or password: 401, without saying which. */
	static AdminLoginFailed wrongCredentials() {
		return new AdminLoginFailed(HttpStatus.UNAUTHORIZED, "Wrong username or password.");
	}

	/** Too many failures for this username: 429 with {@code Retry-After}. */
	static class Locked extends AdminLoginFailed {

		private final HttpHeaders headers = new HttpHeaders();

		Locked(Duration retryAfter) {
			super(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins for this account; retry later.");
			this.headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

}
