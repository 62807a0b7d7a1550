package io.minibase.order.payment;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** WeChat Pay cannot be reached or answered wrongly: the buyer may try again shortly. */
public class PaymentUnavailable extends ErrorResponseException {

	public PaymentUnavailable(Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"WeChat Pay cannot be reached right now; try paying again shortly."), cause);
		getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
	}

}
