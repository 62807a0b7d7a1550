package io.minibase.order.aftersale;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Photos of an after-sale that are not files the buyer uploaded (another user's, or no
 * file at all): 400 naming each, {@code imageFileIds[i]}, as a validation failure of the
 * field is named (api.md, Conventions).
 */
class PhotosNotTheBuyers extends ErrorResponseException {

	PhotosNotTheBuyers(List<Integer> indexes) {
		super(HttpStatus.BAD_REQUEST, problem(indexes), null);
	}

	private static ProblemDetail problem(List<Integer> indexes) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has invalid fields.");
		problem.setProperty("errors", indexes.stream()
			.map((index) -> Map.of("field", "imageFileIds[" + index + "]", "message", "must be a file you uploaded"))
			.toList());
		return problem;
	}

}
