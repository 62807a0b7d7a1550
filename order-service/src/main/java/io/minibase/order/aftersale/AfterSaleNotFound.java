package io.minibase.order.aftersale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No after-sale with this id: 404. */
class AfterSaleNotFound extends ErrorResponseException {

	AfterSaleNotFound() {
		super(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no such after-sale."), null);
	}

}
