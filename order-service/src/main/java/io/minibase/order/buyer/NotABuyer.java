package io.minibase.order.buyer;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A valid token whose subject is no user id (a service or tooling token): 403. */
public class NotABuyer extends ErrorResponseException {

	NotABuyer() {
		super(HttpStatus.FORBIDDEN,
				ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "This token does not belong to a user."), null);
	}

}
