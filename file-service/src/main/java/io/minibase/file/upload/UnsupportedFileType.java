package io.minibase.file.upload;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The content is not a JPEG, PNG, GIF or WebP image, whatever its name says: 415. */
class UnsupportedFileType extends ErrorResponseException {

	UnsupportedFileType() {
		super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"Only JPEG, PNG, GIF and WebP images are accepted (told by their content)."), null);
	}

}
