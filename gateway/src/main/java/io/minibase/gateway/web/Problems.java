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

	private static final String RATE_LIMIT_HEADER_PREFIX = "X-RateLimit-";

	private static final String REPLENISH_RATE_HEADER = "X-RateLimit-Replenish-Rate";

	private static final String REQUESTED_TOKENS_HEADER = "X-RateLimit-Requested-Tokens";

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
		problem.setProperty("traceId", ExchangeTraceIds.of(exchange));
		return problem;
	}

	static Mono<ServerResponse> unavailable(String service, ServerWebExchange exchange) {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, service + " is unavailable, try again shortly",
				exchange);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return response(problem, headers, exchange);
	}

	/**
	 * A 429 for a client over its rate limit, with the limiter's {@code X-RateLimit-*}
	 * headers and a {@code Retry-After}: the seconds until the bucket holds the tokens a
	 * request takes again.
	 */
	static Mono<ServerResponse> tooManyRequests(HttpHeaders limiter, ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		if (limiter != null) {
			limiter.forEach((name, values) -> {
				if (name.regionMatches(true, 0, RATE_LIMIT_HEADER_PREFIX, 0, RATE_LIMIT_HEADER_PREFIX.length())) {
					headers.addAll(name, values);
				}
			});
		}
		long seconds = retryAfterSeconds(headers);
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests, try again in " + seconds + ((seconds == 1) ? " second" : " seconds") + ".",
				exchange);
		return response(problem, headers, exchange);
	}

	private static long retryAfterSeconds(HttpHeaders limiter) {
		String rate = limiter.getFirst(REPLENISH_RATE_HEADER);
		String requested = limiter.getFirst(REQUESTED_TOKENS_HEADER);
		if (rate == null || requested == null) {
			return 1;
		}
		try {
			double perSecond = Double.parseDouble(rate);
			return (perSecond > 0) ? Math.max(1, (long) Math.ceil(Double.parseDouble(requested) / perSecond)) : 1;
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	static Mono<ServerResponse> response(ProblemDetail problem, HttpHeaders headers, ServerWebExchange exchange) {
		return ServerResponse.status(problem.getStatus())
			.headers((target) -> target.addAll(headers))
			.header(ExchangeTraceIds.HEADER, ExchangeTraceIds.of(exchange))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem);
	}

}
