package io.minibase.order.ordering;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The order's status does not allow this move (cancel a paid order, ship an unpaid one):
 * 409, with the status it is in. Thrown by {@link Order}, which owns the moves.
 */
class OrderStateConflict extends ErrorResponseException {

	OrderStateConflict(String detail, OrderStatus status) {
		super(HttpStatus.CONFLICT, problem(detail, status), null);
	}

	/** A move decided on the order as read lost to a concurrent one. */
	static OrderStateConflict movedMeanwhile(OrderStatus now) {
		return new OrderStateConflict("The order changed meanwhile; it is now " + now + ".", now);
	}

	private static ProblemDetail problem(String detail, OrderStatus status) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setProperty("orderStatus", status.name());
		return problem;
	}

}
