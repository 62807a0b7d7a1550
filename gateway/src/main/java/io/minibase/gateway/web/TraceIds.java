package io.minibase.gateway.web;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The W3C trace id of an exchange, as the client sees it in {@code X-Trace-Id}.
 */
final class TraceIds {

	static final String HEADER = "X-Trace-Id";

	private static final String ATTRIBUTE = TraceIds.class.getName() + ".traceId";

	private static final Pattern W3C_TRACE_ID = Pattern.compile("(?!0{32})[0-9a-f]{32}");

	private TraceIds() {
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
				.filter((id) -> W3C_TRACE_ID.matcher(id).matches())
				.orElseGet(TraceIds::random);
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

	// Only when tracing is off or broken: a client must still get an id to quote.
	private static String random() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		bytes[0] |= 1; // never the all-zero id, which W3C reserves as invalid
		return HexFormat.of().formatHex(bytes);
	}

}
