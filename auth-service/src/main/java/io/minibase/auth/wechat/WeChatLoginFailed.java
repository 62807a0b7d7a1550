package io.minibase.auth.wechat;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * WeChat did not log the user in; each subclass is one answer of api.md's mapping. The
 * details are written for the client and never quote WeChat's own message.
 */
public abstract class WeChatLoginFailed extends ErrorResponseException {

	WeChatLoginFailed(HttpStatus status, String detail) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

	/** 40029 (invalid code) and 40163 (code already used): 401. */
	public static class CodeRejected extends WeChatLoginFailed {

		CodeRejected(String detail) {
			super(HttpStatus.UNAUTHORIZED, detail);
		}

	}

	/** 45011, WeChat's rate limit for this app: 429 with {@code Retry-After}. */
	public static class RateLimited extends WeChatLoginFailed {

		private final HttpHeaders headers = new HttpHeaders();

		public RateLimited(Duration retryAfter) {
			super(HttpStatus.TOO_MANY_REQUESTS, "Too many logins right now; retry later.");
			this.headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

	/**
	 * WeChat busy (-1) after the retries, unreachable, or the circuit open: 503 with
	 * {@code Retry-After}, as every dependency that is down.
	 */
	public static class Unavailable extends WeChatLoginFailed {

		/** How long the circuit stays open after WeChat kept failing (WeChatClient). */
		static final Duration RETRY_AFTER = Duration.ofSeconds(10);

		private final HttpHeaders headers = new HttpHeaders();

		Unavailable() {
			super(HttpStatus.SERVICE_UNAVAILABLE, "WeChat login is unavailable right now; retry later.");
			this.headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

	/**
	 * Any other WeChat error (a wrong AppID or AppSecret, a blocked user): the fault is
	 * not the client's, so 502.
	 */
	public static class Refused extends WeChatLoginFailed {

		Refused() {
			super(HttpStatus.BAD_GATEWAY, "WeChat refused the login.");
		}

	}

}
