package io.minibase.common.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's trace id in the {@code X-Trace-Id} response header. It runs inside
 * the server observation, so the id is the one Jaeger shows for the request.
 */
class TraceIdFilter extends OncePerRequestFilter {

	private final TraceIds traceIds;

	TraceIdFilter(TraceIds traceIds) {
		this.traceIds = traceIds;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String traceId = this.traceIds.current();
		request.setAttribute(TraceIds.HEADER, traceId);
		response.setHeader(TraceIds.HEADER, traceId);
		chain.doFilter(request, response);
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
