package io.minibase.order.address;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The caller has as many addresses as a user may keep: 409 until one is deleted. */
class AddressBookFull extends ErrorResponseException {

	AddressBookFull(int limit) {
		super(HttpStatus.CONFLICT, problem(limit), null);
	}

	private static ProblemDetail problem(int limit) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"At most " + limit + " addresses can be kept; delete one to add another.");
		problem.setProperty("limit", limit);
		return problem;
	}

}
