package io.minibase.common.wechat;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * WeChat could not be asked: busy (errcode -1) on every attempt, unreachable, too slow,
 * or the circuit open because it kept failing. A request that needed the answer is a 503
 * with {@code Retry-After}; work that can wait (a message, a media check) is retried
 * later.
 */
public class WeChatUnavailable extends ErrorResponseException {

	/** About the time the circuit stays open. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(10);

	private final HttpHeaders headers = new HttpHeaders();

	private final String api;

	public WeChatUnavailable(String api) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"WeChat is unavailable right now; retry later."), null);
		this.headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
		this.api = api;
	}

	/** The API that could not be called, for the log. */
	public String api() {
		return this.api;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

}
