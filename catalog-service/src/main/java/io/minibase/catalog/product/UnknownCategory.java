package io.minibase.catalog.product;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A product names a category that does not exist: 422 with the field in errors. */
class UnknownCategory extends ErrorResponseException {

	UnknownCategory(String categoryId) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(categoryId), null);
	}

	private static ProblemDetail problem(String categoryId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"The request has invalid fields.");
		problem.setProperty("errors", List.of(Map.of("field", "categoryId", "message", "no category " + categoryId)));
		return problem;
	}

}
