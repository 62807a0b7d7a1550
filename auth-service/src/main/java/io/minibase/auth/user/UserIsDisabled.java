package io.minibase.auth.user;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A disabled user logging in or refreshing: 403. */
public class UserIsDisabled extends ErrorResponseException {

	public UserIsDisabled() {
		super(HttpStatus.FORBIDDEN,
				ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "This account is disabled by the shop."), null);
	}

}
