package io.minibase.order.aftersale;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * file-service could not say whether the photos are the buyer's (down, slow, or its
 * circuit open): 503 with Retry-After, nothing saved unchecked.
 */
class PhotosNotCheckable extends ErrorResponseException {

	/** As long as the circuit stays open after file-service kept failing. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	PhotosNotCheckable() {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The photos cannot be checked now; retry in a few seconds."), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
	}

}
