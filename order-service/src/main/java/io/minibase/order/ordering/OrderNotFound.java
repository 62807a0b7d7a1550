package io.minibase.order.ordering;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No order with this id belongs to the caller: 404, never 403, so ids of other users'
 * orders are not confirmed.
 */
class OrderNotFound extends ErrorResponseException {

	OrderNotFound() {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no such order."),
				null);
	}

}
