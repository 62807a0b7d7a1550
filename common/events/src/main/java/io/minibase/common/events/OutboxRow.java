package io.minibase.common.events;

import java.time.Instant;

/** A row of the {@code outbox} table. */
record OutboxRow(Long id, String eventId, String topic, String eventType, String subject, String payload,
		String traceparent, String tracestate, Instant createdAt) {
}
