package io.minibase.file.upload;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/** The upload is over {@code files.max-size}: 413. */
class FileTooLarge extends ErrorResponseException {

	FileTooLarge(DataSize limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(limit), null);
	}

	private static ProblemDetail problem(DataSize limit) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The file is larger than " + limit.toBytes() + " bytes.");
		problem.setProperty("maxBytes", limit.toBytes());
		return problem;
	}

}
