package io.minibase.auth.phone;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * WeChat answered the phone number lookup with an error that is not the code's (a wrong
 * app setting, a quota): not the client's fault, so 502.
 */
public class PhoneLookupFailed extends ErrorResponseException {

	PhoneLookupFailed() {
		super(HttpStatus.BAD_GATEWAY,
				ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "WeChat did not give the phone number."),
				null);
	}

}
