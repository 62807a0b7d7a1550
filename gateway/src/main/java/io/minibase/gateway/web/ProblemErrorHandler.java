package io.minibase.gateway.web;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every error the gateway itself raises as {@code application/problem+json}; runs
 * before Boot's default handler (order -1) so no whitelabel page is ever shown.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemErrorHandler.class);

	private final ServerResponse.Context context;

	ProblemErrorHandler(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			// Part of a service's answer has gone out already; nothing sane can follow.
			return Mono.error(ex);
		}
		// Built first: the rate limiter hands over the response's own headers.
		Mono<ServerResponse> response = toResponse(exchange, ex);
		// Drop whatever a failed downstream call had already put on the response.
		exchange.getResponse().getHeaders().clear();
		return response.flatMap((answer) -> answer.writeTo(exchange, this.context));
	}

	private Mono<ServerResponse> toResponse(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof HttpStatusCodeException refused
				&& refused.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
			// RequestRateLimiter (throw-on-limit) refused it; its body would be empty
			return Problems.tooManyRequests(refused.getResponseHeaders(), exchange);
		}
		if (isUnreachable(ex)) {
			// Routes without a fallback (files, so that uploads are streamed) end up
			// here.
			Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
			return Problems.unavailable((route != null) ? route.getId() : "The service", exchange);
		}
		HttpStatusCode status = statusOf(ex);
		String detail;
		if (status.is5xxServerError()) {
			logError(exchange, ex);
			detail = serverErrorDetail(status);
		}
		else {
			detail = clientErrorDetail(ex, status);
		}
		HttpHeaders headers = (ex instanceof ErrorResponse response) ? response.getHeaders() : HttpHeaders.EMPTY;
		ProblemDetail problem = Problems.problem(status, detail, exchange);
		return Problems.response(problem, headers, exchange);
	}

	private static void logError(ServerWebExchange exchange, Throwable ex) {
		String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath();
		if (ex instanceof ResponseStatusException deliberate
				&& deliberate.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			// raised on purpose (Redis down, say) and logged where it arose: no stack
			// trace for each request while it lasts
			logger.debug("Answered 503 to " + request + ": " + ex);
			return;
		}
		if (ex instanceof ReadTimeoutException) {
			// the service's fault, not the gateway's: no stack trace
			logger.warn("Answered 504 to " + request + ": the service sent nothing in time");
			return;
		}
		logger.error("Failed to handle " + request, ex);
	}

	private static boolean isUnreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof PrematureCloseException || cause instanceof CallNotPermittedException
					|| cause instanceof ServiceUnavailableException) {
				return true;
			}
		}
		return false;
	}

	private static HttpStatusCode statusOf(Throwable ex) {
		if (ex instanceof ErrorResponse response) {
			return response.getStatusCode();
		}
		if (ex instanceof DataBufferLimitException) {
			return HttpStatus.CONTENT_TOO_LARGE;
		}
		if (ex instanceof ReadTimeoutException) {
			// the service sent nothing within gateway.upstream.response-timeout
			return HttpStatus.GATEWAY_TIMEOUT;
		}
		MergedAnnotation<ResponseStatus> annotation = MergedAnnotations
			.from(ex.getClass(), SearchStrategy.TYPE_HIERARCHY)
			.get(ResponseStatus.class);
		if (annotation.isPresent()) {
			return annotation.getEnum("code", HttpStatus.class);
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	// Never the exception's message for a 5xx: it may name classes, hosts or SQL.
	private static String serverErrorDetail(HttpStatusCode status) {
		return switch (status.value()) {
			case 503 -> "The service is unavailable, try again shortly.";
			case 504 -> "The service did not answer in time, try again shortly.";
			default -> "An unexpected error occurred.";
		};
	}

	private static String clientErrorDetail(Throwable ex, HttpStatusCode status) {
		if (status.value() == HttpStatus.NOT_FOUND.value()) {
			return "There is nothing at this path.";
		}
		String detail = (ex instanceof ErrorResponse response) ? response.getBody().getDetail() : null;
		HttpStatus known = HttpStatus.resolve(status.value());
		return (detail != null) ? detail : (known != null) ? known.getReasonPhrase() : "The request was refused.";
	}

}
