package io.minibase.catalog.stock;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.stereotype.Component;

/**
 * The trace each consumed event belongs to. Spring Kafka observes a record listener's
 * calls, so each event's work joins its trace by itself; a batch listener's are not
 * observed, so the work done for one event of a batch (and what it publishes through the
 * outbox) is put in a span of that event's trace here, and an operator still follows an
 * order from its request through the saga in one trace.
 */
@Component
class EventTraces {

	private final Tracer tracer;

	private final Propagator propagator;

	EventTraces(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** The trace headers of a record (W3C {@code traceparent}, {@code tracestate}). */
	Map<String, String> of(ConsumerRecord<?, ?> record) {
		Map<String, String> carrier = new HashMap<>();
		for (String field : this.propagator.fields()) {
			Header header = record.headers().lastHeader(field);
			if (header != null && header.value() != null) {
				carrier.put(field, new String(header.value(), StandardCharsets.UTF_8));
			}
		}
		return carrier;
	}

	/** Runs {@code work} in a span named {@code name} of the trace the headers name. */
	void within(Map<String, String> carrier, String name, Runnable work) {
		if (carrier.isEmpty()) {
			work.run();
			return;
		}
		Span span = this.propagator.extract(carrier, Map::get).name(name).kind(Span.Kind.CONSUMER).start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			work.run();
		}
		finally {
			span.end();
		}
	}

}
