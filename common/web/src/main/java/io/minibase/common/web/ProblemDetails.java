package io.minibase.common.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Fills the parts every problem body carries: {@code instance} (the request path) and
 * {@code traceId}.
 */
final class ProblemDetails {

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private ProblemDetails() {
	}

	static ProblemDetail of(HttpStatusCode status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	static ProblemDetail complete(ProblemDetail problem, String path, String traceId) {
		if (problem.getType() == null) {
			// api.md shows "type" on every problem; Spring leaves the default out
			problem.setType(ABOUT_BLANK);
		}
		if (problem.getInstance() == null && path != null) {
			problem.setInstance(URI.create(path));
		}
		if (problem.getProperties() == null || !problem.getProperties().containsKey("traceId")) {
			problem.setProperty("traceId", traceId);
		}
		return problem;
	}

	static String path(HttpServletRequest request) {
		Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
		return (original != null) ? original.toString() : request.getRequestURI();
	}

}
