package io.minibase.common.web;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * The W3C trace id of the request being served, for the {@code X-Trace-Id} header and
 * problem bodies.
 */
public final class TraceIds {

	/** The response header that carries the trace id. */
	public static final String HEADER = "X-Trace-Id";

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
		if (span != null && isTraceId(span.context().traceId())) {
			return span.context().traceId();
		}
		return random();
	}

	static boolean isTraceId(String id) {
		return id != null && id.length() == 32 && !id.equals("00000000000000000000000000000000")
				&& id.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
	}

	static String random() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
