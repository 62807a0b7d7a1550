package io.minibase.common.observability;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A trace id as a client sees and quotes it: the W3C form (32 lowercase hex digits, not
 * all zero) in the {@code X-Trace-Id} header and in problem bodies. The MVC services
 * (common-web's {@code TraceIds}) and the reactive gateway (its own {@code TraceIds})
 * find the current span differently, from a thread local or from the exchange, but agree
 * here on what an id is and on the one made up when there is no span.
 */
public final class TraceIdFormat {

	/** The response header that carries the trace id. */
	public static final String HEADER = "X-Trace-Id";

	private TraceIdFormat() {
	}

	/** Whether this is a W3C trace id; {@code false} for {@code null}. */
	public static boolean isTraceId(String id) {
		return id != null && id.length() == 32 && !id.equals("00000000000000000000000000000000")
				&& id.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
	}

	/**
	 * A random trace id, only when tracing is off or broken: a client must still get an
	 * id to quote.
	 */
	public static String random() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		bytes[0] |= 1; // never the all-zero id, which W3C reserves as invalid
		return HexFormat.of().formatHex(bytes);
	}

}
