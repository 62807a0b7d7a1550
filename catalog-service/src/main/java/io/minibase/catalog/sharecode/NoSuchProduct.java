package io.minibase.catalog.sharecode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No product on sale has this id: no code is made for it (404). */
class NoSuchProduct extends ErrorResponseException {

	NoSuchProduct() {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no such product."),
				null);
	}

}
