package io.minibase.auth.user;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An admin disabling their own account would lock the shop out: 409. */
class CannotDisableYourself extends ErrorResponseException {

	CannotDisableYourself() {
		super(HttpStatus.CONFLICT,
				ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "An admin cannot disable their own account."),
				null);
	}

}
