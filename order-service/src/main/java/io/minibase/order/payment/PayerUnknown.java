package io.minibase.order.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The buyer's openid has not reached this service (auth-service publishes it at their
 * next WeChat login): WeChat Pay cannot be told who pays.
 */
class PayerUnknown extends ErrorResponseException {

	PayerUnknown() {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"WeChat Pay needs to know who pays: log in again (wx.login) and pay once more."), null);
	}

}
