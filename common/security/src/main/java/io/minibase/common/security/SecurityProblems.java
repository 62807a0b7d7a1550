package io.minibase.common.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.minibase.common.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes a problem from a security filter, where the controller advice does not reach.
 */
record SecurityProblems(TraceIds traceIds, JsonMapper json) {

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		// a map, not a ProblemDetail: the plain JsonMapper bean lacks MVC's problem
		// mix-in
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		Object traceId = request.getAttribute(TraceIds.HEADER);
		problem.put("traceId", (traceId != null) ? traceId.toString() : this.traceIds.current());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(problem));
	}

}
