package io.minibase.common.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes events transactionally: {@link #append} writes the event to the
 * {@code outbox} table in the caller's transaction, and the relay sends it to Kafka right
 * after the commit (the commit wakes it; its polling is the safety net). A rolled-back
 * change publishes nothing; a committed one is never lost.
 */
public class Outbox {

	private final OutboxMapper mapper;

	private final JsonMapper json;

	private final Tracer tracer;

	private final Propagator propagator;

	private final Runnable afterCommit;

	/**
	 * @param afterCommit run after each transaction that appended an event has committed:
	 * wakes this instance's relay
	 */
	Outbox(OutboxMapper mapper, JsonMapper json, Tracer tracer, Propagator propagator, Runnable afterCommit) {
		this.mapper = mapper;
		this.json = json;
		this.tracer = tracer;
		this.propagator = propagator;
		this.afterCommit = afterCommit;
	}

	/**
	 * Adds an event to the outbox within the current transaction.
	 * @param topic the Kafka topic, e.g. {@code order.orders.v1}
	 * @param type the CloudEvents type, e.g. {@code order.OrderPlaced.v1}
	 * @param subject the aggregate id: the record key, so one aggregate's events keep
	 * their order
	 * @param data the event record, written as JSON
	 * @return the event id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public String append(String topic, String type, String subject, Object data) {
		String eventId = UUID.randomUUID().toString();
		Map<String, String> trace = new HashMap<>();
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context != null) {
			// the relay continues this trace, so the request and its events are one trace
			this.propagator.inject(context, trace, Map::put);
		}
		this.mapper.insert(new OutboxRow(null, eventId, topic, type, subject, this.json.writeValueAsString(data),
				trace.get("traceparent"), trace.get("tracestate"), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
		wakeTheRelayAfterCommit();
		return eventId;
	}

	/** Once per transaction, however many events it appends. */
	private void wakeTheRelayAfterCommit() {
		if (TransactionSynchronizationManager.hasResource(this)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
				if (status == STATUS_COMMITTED) {
					Outbox.this.afterCommit.run();
				}
			}

		});
	}

}
