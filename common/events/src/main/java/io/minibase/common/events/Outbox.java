package io.minibase.common.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * <p>
 * The rows are written just before the commit, a transaction's events in one statement:
 * catalog's reservations append an event per order of a run while they hold the product's
 * row lock, and an INSERT each made the next run wait for all of them. The rows keep the
 * order of the appends, and a failed insert rolls the transaction back like any other of
 * its statements.
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
		pending().rows.add(new OutboxRow(null, eventId, topic, type, subject, this.json.writeValueAsString(data),
				trace.get("traceparent"), trace.get("tracestate"), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
		return eventId;
	}

	/**
	 * The current transaction's events, registered with it at its first append. Found
	 * among its synchronizations, which a transaction of its own started inside
	 * ({@code REQUIRES_NEW}) suspends, so each transaction writes only its own.
	 */
	private PendingEvents pending() {
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof PendingEvents events && events.outbox() == this) {
				return events;
			}
		}
		PendingEvents events = new PendingEvents(this);
		TransactionSynchronizationManager.registerSynchronization(events);
		return events;
	}

	/** A transaction's events: written before its commit, the relay woken after it. */
	private static final class PendingEvents implements TransactionSynchronization {

		private final Outbox outbox;

		private final List<OutboxRow> rows = new ArrayList<>();

		PendingEvents(Outbox outbox) {
			this.outbox = outbox;
		}

		Outbox outbox() {
			return this.outbox;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			// most transactions append one event (a placement, a payment): a static
			// statement, without the multi-row one's dynamic SQL
			if (this.rows.size() == 1) {
				this.outbox.mapper.insert(this.rows.getFirst());
			}
			else if (!this.rows.isEmpty()) {
				this.outbox.mapper.insertAll(this.rows);
			}
		}

		@Override
		public void afterCompletion(int status) {
			if (status == STATUS_COMMITTED) {
				this.outbox.afterCommit.run();
			}
		}

	}

}
