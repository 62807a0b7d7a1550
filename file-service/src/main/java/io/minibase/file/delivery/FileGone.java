package io.minibase.file.delivery;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The file failed WeChat's media check: never served again, 410. */
class FileGone extends ErrorResponseException {

	FileGone() {
		super(HttpStatus.GONE,
				ProblemDetail.forStatusAndDetail(HttpStatus.GONE, "This file was removed by the content check."), null);
	}

}
