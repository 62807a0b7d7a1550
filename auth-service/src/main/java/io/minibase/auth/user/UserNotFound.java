package io.minibase.auth.user;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A valid token of a user that no longer exists. */
public class UserNotFound extends ErrorResponseException {

	UserNotFound() {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such user."), null);
	}

}
