package io.minibase.order.cart;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The cart holds as many items as it may: 409 until one is removed. */
class CartFull extends ErrorResponseException {

	CartFull(int limit) {
		super(HttpStatus.CONFLICT, problem(limit), null);
	}

	private static ProblemDetail problem(int limit) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"A cart holds at most " + limit + " items; remove one to add another.");
		problem.setProperty("limit", limit);
		return problem;
	}

}
