package io.minibase.order.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * WeChat Pay refused to open the payment: 409 when its order is paid or closed already
 * (the notify will tell, or the order expired), else 502.
 */
class PaymentRefused extends ErrorResponseException {

	private PaymentRefused(HttpStatus status, String detail, Throwable cause) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), cause);
	}

	static PaymentRefused because(String errorCode, Throwable cause) {
		return switch ((errorCode != null) ? errorCode : "") {
			case "ORDERPAID" -> new PaymentRefused(HttpStatus.CONFLICT,
					"WeChat Pay has this order paid already; its confirmation is on the way.", cause);
			case "ORDER_CLOSED" ->
				new PaymentRefused(HttpStatus.CONFLICT, "WeChat Pay has closed this order's payment.", cause);
			default -> new PaymentRefused(HttpStatus.BAD_GATEWAY, "WeChat Pay refused to open the payment.", cause);
		};
	}

}
