package io.minibase.catalog.product;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No product has this id: 404. */
class ProductNotFound extends ErrorResponseException {

	ProductNotFound() {
		// the id is not echoed: it is whatever the caller put in the path
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no such product."),
				null);
	}

}
