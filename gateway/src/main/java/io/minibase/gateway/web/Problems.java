package io.minibase.gateway.web;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Builds the RFC 9457 problems the gateway answers itself.
 */
final class Problems {

	/** Seconds a client should wait before retrying a service that is down. */
	static final String RETRY_AFTER_SECONDS = "5";

	// Written out although RFC 9457 lets it be left out: clients and api.md expect it.
	private static final URI BLANK_TYPE = URI.create("about:blank");

	private static final String ORIGINAL_PATH = Problems.class.getName() + ".originalPath";

	private Problems() {
	}

	/**
	 * Remembers the path the client asked for: a circuit breaker fallback is a forward to
	 * {@code /fallback/{service}}, and the problem must still name the client's path.
	 */
	static void rememberOriginalPath(ServerWebExchange exchange) {
		exchange.getAttributes().putIfAbsent(ORIGINAL_PATH, exchange.getRequest().getURI().getRawPath());
	}

	static ProblemDetail problem(HttpStatusCode status, String detail, ServerWebExchange exchange) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(BLANK_TYPE);
		HttpStatus known = HttpStatus.resolve(status.value());
		problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		rememberOriginalPath(exchange);
		problem.setInstance(URI.create(exchange.getRequiredAttribute(ORIGINAL_PATH)));
		problem.setProperty("traceId", TraceIds.of(exchange));
		return problem;
	}

	static Mono<ServerResponse> unavailable(String service, ServerWebExchange exchange) {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, service + " is unavailable, try again shortly",
				exchange);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return response(problem, headers, exchange);
	}

	static Mono<ServerResponse> response(ProblemDetail problem, HttpHeaders headers, ServerWebExchange exchange) {
		return ServerResponse.status(problem.getStatus())
			.headers((target) -> target.addAll(headers))
			.header(TraceIds.HEADER, TraceIds.of(exchange))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem);
	}

}
