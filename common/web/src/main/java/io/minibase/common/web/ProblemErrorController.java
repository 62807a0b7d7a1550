package io.minibase.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the errors that never reach a controller (raised by the container or a filter:
 * a body too large for Tomcat, a malformed request) with a problem instead of Boot's JSON
 * error page.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private final TraceIds traceIds;

	ProblemErrorController(TraceIds traceIds) {
		this.traceIds = traceIds;
	}

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = status(request);
		String detail = status.is5xxServerError()
				? "An unexpected error occurred. Quote the trace id when you report it." : status.getReasonPhrase();
		ProblemDetail problem = ProblemDetails.complete(ProblemDetail.forStatusAndDetail(status, detail),
				ProblemDetails.path(request), this.traceIds.current());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
