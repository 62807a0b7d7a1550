package io.minibase.order.address;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The default address cannot be made not the default: an address book always has exactly
 * one. 409; making another address the default is the way.
 */
class DefaultAddressRequired extends ErrorResponseException {

	DefaultAddressRequired() {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"This is the default address; make another address the default instead."), null);
	}

}
