package io.minibase.order.aftersale;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An after-sale asking for more than is left of the order's payment (what was paid less
 * the refunds that count): 409, as for an admin's refund, naming {@code amountFen} and
 * saying how much is left ({@code refundableFen}).
 */
class AmountExceedsRefundable extends ErrorResponseException {

	AmountExceedsRefundable(long refundableFen) {
		super(HttpStatus.CONFLICT, problem(refundableFen), null);
	}

	private static ProblemDetail problem(long refundableFen) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The refunds of an order never exceed what was paid; " + refundableFen + " fen can still be refunded.");
		problem.setProperty("refundableFen", refundableFen);
		problem.setProperty("errors",
				List.of(Map.of("field", "amountFen", "message", "must be at most " + refundableFen)));
		return problem;
	}

}
