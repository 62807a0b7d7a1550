package io.minibase.order.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The order's status does not allow this (cancel a paid order, pay a cancelled one). */
class OrderStateConflict extends ErrorResponseException {

	OrderStateConflict(String detail, OrderStatus status) {
		super(HttpStatus.CONFLICT, problem(detail, status), null);
	}

	private static ProblemDetail problem(String detail, OrderStatus status) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setProperty("orderStatus", status.name());
		return problem;
	}

}
