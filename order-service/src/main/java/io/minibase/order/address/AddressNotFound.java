package io.minibase.order.address;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No address with this id belongs to the caller: 404, never 403, so ids of other users'
 * addresses are not confirmed.
 */
public class AddressNotFound extends ErrorResponseException {

	AddressNotFound() {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no such address."),
				null);
	}

}
