package io.minibase.order.aftersale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The after-sale's status does not allow this move (approve a rejected one): 409, with
 * the status it is in. Thrown by {@link AfterSale}, which owns the moves.
 */
class AfterSaleStateConflict extends ErrorResponseException {

	AfterSaleStateConflict(String detail, AfterSaleStatus status) {
		super(HttpStatus.CONFLICT, problem(detail, status), null);
	}

	/** A move decided on the after-sale as read lost to a concurrent one. */
	static AfterSaleStateConflict movedMeanwhile(AfterSaleStatus now) {
		return new AfterSaleStateConflict("The after-sale changed meanwhile; it is now " + now + ".", now);
	}

	private static ProblemDetail problem(String detail, AfterSaleStatus status) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setProperty("afterSaleStatus", status.name());
		return problem;
	}

}
