package io.minibase.auth.token;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refresh token that is unknown, expired, revoked or used before: 401. */
public class RefreshTokenRejected extends ErrorResponseException {

	RefreshTokenRejected(String detail) {
		super(HttpStatus.UNAUTHORIZED, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail), null);
	}

}
