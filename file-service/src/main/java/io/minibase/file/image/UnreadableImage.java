package io.minibase.file.image;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The content starts like an image of an accepted type but its header is broken: 422. */
class UnreadableImage extends ErrorResponseException {

	UnreadableImage(Throwable cause) {
		super(HttpStatus.UNPROCESSABLE_CONTENT,
				ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, "The image cannot be read."), cause);
	}

}
