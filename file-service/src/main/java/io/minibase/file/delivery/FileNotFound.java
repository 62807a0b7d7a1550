package io.minibase.file.delivery;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No file has this id: 404. */
class FileNotFound extends ErrorResponseException {

	FileNotFound() {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no such file."),
				null);
	}

}
