package io.minibase.file.upload;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The upload would take the user's stored bytes over {@code files.quota.max-bytes}: 422
 * (not 413, which says this one request is too large whoever sends it).
 */
class UploadQuotaExceeded extends ErrorResponseException {

	UploadQuotaExceeded(long quotaBytes, long usedBytes) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(quotaBytes, usedBytes), null);
	}

	private static ProblemDetail problem(long quotaBytes, long usedBytes) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"This upload would exceed your storage quota.");
		problem.setProperty("quotaBytes", quotaBytes);
		problem.setProperty("usedBytes", usedBytes);
		return problem;
	}

}
