package io.minibase.file.upload;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The upload's {@code visibility} field is neither {@code public} nor {@code private}:
 * 400.
 */
class UnknownVisibility extends ErrorResponseException {

	UnknownVisibility() {
		super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"visibility must be public or private (public when absent)."), null);
	}

}
