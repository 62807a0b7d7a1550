package io.minibase.order.cart;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A SKU catalog has not told this service of (or never had): 404. */
class SkuNotFound extends ErrorResponseException {

	SkuNotFound() {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no such SKU."),
				null);
	}

}
