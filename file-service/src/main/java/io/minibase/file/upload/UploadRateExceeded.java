package io.minibase.file.upload;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The user has uploaded {@code files.rate.uploads} files in this window: 429. */
class UploadRateExceeded extends ErrorResponseException {

	UploadRateExceeded(Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many uploads. Retry after " + retryAfter.toSeconds() + " seconds."), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
	}

}
