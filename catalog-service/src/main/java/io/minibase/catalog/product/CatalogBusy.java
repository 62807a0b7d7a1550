package io.minibase.catalog.product;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Too many product loads wait for MySQL (the cache is down or cold): 503, retry. */
class CatalogBusy extends ErrorResponseException {

	CatalogBusy() {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The catalog is busy. Retry in a moment."), null);
	}

}
