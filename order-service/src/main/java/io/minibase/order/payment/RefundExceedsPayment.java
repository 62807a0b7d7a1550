package io.minibase.order.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refund of more than is left of the payment: refunds never exceed what was paid. */
class RefundExceedsPayment extends ErrorResponseException {

	RefundExceedsPayment(long refundableFen) {
		super(HttpStatus.CONFLICT, problem(refundableFen), null);
	}

	private static ProblemDetail problem(long refundableFen) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The refunds of an order never exceed what was paid; " + refundableFen + " fen can still be refunded.");
		problem.setProperty("refundableFen", refundableFen);
		return problem;
	}

}
