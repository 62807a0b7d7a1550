package io.minibase.catalog.product;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A product write whose fields do not fit together (its SKUs, or price and stock without
 * them): 400, or 422 where it names SKUs the product does not have; {@code errors} names
 * each field.
 */
class InvalidProduct extends ErrorResponseException {

	/** One field and what is wrong with it. */
	record FieldError(String field, String message) {
	}

	InvalidProduct(HttpStatus status, List<FieldError> errors) {
		super(status, problem(status, errors), null);
	}

	private static ProblemDetail problem(HttpStatus status, List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request has invalid fields.");
		problem.setProperty("errors",
				errors.stream().map((error) -> Map.of("field", error.field(), "message", error.message())).toList());
		return problem;
	}

}
