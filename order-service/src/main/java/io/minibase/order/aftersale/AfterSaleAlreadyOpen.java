package io.minibase.order.aftersale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The order has an after-sale the shop has not decided yet: 409, with its id. One open
 * request per order, so the shop never weighs two refunds of one payment at once.
 */
class AfterSaleAlreadyOpen extends ErrorResponseException {

	AfterSaleAlreadyOpen(Long openId) {
		super(HttpStatus.CONFLICT, problem(openId), null);
	}

	private static ProblemDetail problem(Long openId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The order already has an after-sale waiting for the shop.");
		if (openId != null) {
			problem.setProperty("afterSaleId", String.valueOf(openId));
		}
		problem.setProperty("afterSaleStatus", AfterSaleStatus.REQUESTED.name());
		return problem;
	}

}
