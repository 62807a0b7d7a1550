package io.minibase.order.aftersale;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The buyer's openid, which WeChat's text check needs, has not reached this service yet
 * (auth-service's event is on its way): 503 with Retry-After, nothing saved unchecked.
 */
class ReasonNotCheckable extends ErrorResponseException {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	ReasonNotCheckable() {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The reason cannot be checked yet; retry in a few seconds."), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
	}

}
