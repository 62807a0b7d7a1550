package io.minibase.order.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A cursor this service did not hand out: 400. */
class InvalidCursor extends ErrorResponseException {

	InvalidCursor() {
		super(HttpStatus.BAD_REQUEST,
				ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The cursor is not valid for this list."),
				null);
	}

}
