package io.minibase.common.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.minibase.common.observability.TraceIdFormat;

/**
 * The W3C trace id of the request being served, for the {@code X-Trace-Id} header and
 * problem bodies. The span is the current one of the serving thread; what an id is, and
 * the one made when there is none, are {@link TraceIdFormat}'s, shared with the gateway.
 */
public final class TraceIds {

	/** The response header that carries the trace id. */
	public static final String HEADER = TraceIdFormat.HEADER;

	private final Tracer tracer;

	public TraceIds(Tracer tracer) {
		this.tracer = tracer;
	}

	/**
	 * The current trace id: the one propagated by the caller (or started here). Never
	 * null: a random id is made when no span is active, so every answer carries one.
	 */
	public String current() {
		Span span = this.tracer.currentSpan();
		if (span != null && TraceIdFormat.isTraceId(span.context().traceId())) {
			return span.context().traceId();
		}
		return TraceIdFormat.random();
	}

}
