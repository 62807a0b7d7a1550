package io.minibase.auth.phone;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** WeChat did not accept the getPhoneNumber code (invalid, or used already): 400. */
public class PhoneCodeRejected extends ErrorResponseException {

	PhoneCodeRejected() {
		super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The phone number code is invalid or was already used; ask the user again."), null);
	}

}
