package io.minibase.gateway.web;

import java.util.Optional;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.minibase.common.observability.TraceIdFormat;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The W3C trace id of an exchange, as the client sees it in {@code X-Trace-Id}. Not
 * common-web's {@code TraceIds}, which reads the span from the serving thread and brings
 * the servlet stack; what an id is, and the one made when there is none, are
 * {@link TraceIdFormat}'s, shared with the services.
 */
final class ExchangeTraceIds {

	static final String HEADER = TraceIdFormat.HEADER;

	private static final String ATTRIBUTE = ExchangeTraceIds.class.getName() + ".traceId";

	private ExchangeTraceIds() {
	}

	/**
	 * The trace id of the server span of this exchange, remembered on the exchange so the
	 * header, the problem body and the logs agree. The span is read from the observation
	 * context on the exchange rather than from a thread local, because reactive code may
	 * run on any thread.
	 */
	static String of(ServerWebExchange exchange) {
		String traceId = exchange.getAttribute(ATTRIBUTE);
		if (traceId == null) {
			traceId = serverSpan(exchange).map(Span::context)
				.map((context) -> context.traceId())
				.filter(TraceIdFormat::isTraceId)
				.orElseGet(TraceIdFormat::random);
			exchange.getAttributes().put(ATTRIBUTE, traceId);
		}
		return traceId;
	}

	/** The span of the gateway's own observation of this request, if it is traced. */
	static Optional<Span> serverSpan(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> context.<TracingContext>get(TracingContext.class))
			.map(TracingContext::getSpan);
	}

}
