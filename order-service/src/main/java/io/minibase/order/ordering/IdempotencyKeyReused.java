package io.minibase.order.ordering;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The Idempotency-Key already placed an order with another body: 422. */
class IdempotencyKeyReused extends ErrorResponseException {

	IdempotencyKeyReused() {
		super(HttpStatus.UNPROCESSABLE_CONTENT,
				ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
						"This Idempotency-Key was already used for a different order; use a new key for a new order."),
				null);
	}

}
