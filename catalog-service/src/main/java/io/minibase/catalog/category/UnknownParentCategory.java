package io.minibase.catalog.category;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The parent named does not exist: 422 with the field in errors. */
class UnknownParentCategory extends ErrorResponseException {

	UnknownParentCategory(String parentId) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(parentId), null);
	}

	private static ProblemDetail problem(String parentId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"The request has invalid fields.");
		problem.setProperty("errors", List.of(Map.of("field", "parentId", "message", "no category " + parentId)));
		return problem;
	}

}
