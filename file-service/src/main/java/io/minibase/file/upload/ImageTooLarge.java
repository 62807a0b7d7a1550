package io.minibase.file.upload;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The image would decode to more than {@code files.max-pixels} pixels (however small the
 * file): 422. Told from the header; the pixels are never decoded.
 */
class ImageTooLarge extends ErrorResponseException {

	ImageTooLarge(long maxPixels) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(maxPixels), null);
	}

	private static ProblemDetail problem(long maxPixels) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"The image has more than " + maxPixels + " pixels.");
		problem.setProperty("maxPixels", maxPixels);
		return problem;
	}

}
