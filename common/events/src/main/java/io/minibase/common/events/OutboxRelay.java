package io.minibase.common.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends committed outbox rows to Kafka as CloudEvents (binary mode: {@code ce_*} headers,
 * JSON value, key = subject) and marks them sent. At least once: a crash between the send
 * and the mark sends the row again, and consumers de-duplicate by event id. Only the
 * holder of the {@link RelayLease} relays, so with several instances rows still leave
 * once and in order.
 */
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STATS_EVERY = Duration.ofSeconds(5);

	private final OutboxMapper outbox;

	private final RelayLease lease;

	private final KafkaTemplate<String, byte[]> kafka;

	private final Tracer tracer;

	private final Propagator propagator;

	private final EventsProperties properties;

	private final URI source;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong lagMillis = new AtomicLong();

	/** A round asked for by a commit is queued and has not begun yet. */
	private final AtomicBoolean woken = new AtomicBoolean();

	private volatile Instant statsAt = Instant.EPOCH;

	private volatile Instant purgedAt = Instant.EPOCH;

	private volatile ScheduledExecutorService executor;

	OutboxRelay(OutboxMapper outbox, RelayLease lease, KafkaTemplate<String, byte[]> kafka, Tracer tracer,
			Propagator propagator, EventsProperties properties, String source, MeterRegistry meters) {
		this.outbox = outbox;
		this.lease = lease;
		this.kafka = kafka;
		this.tracer = tracer;
		this.propagator = propagator;
		this.properties = properties;
		this.source = URI.create(source);
		Gauge.builder("minibase.outbox.pending", this.pending, AtomicLong::get)
			.description("Outbox events not yet published")
			.register(meters);
		Gauge.builder("minibase.outbox.lag", this.lagMillis, (lag) -> lag.get() / 1000.0)
			.baseUnit("seconds")
			.description("Age of the oldest outbox event not yet published")
			.register(meters);
	}

	/**
	 * One round: publishes up to a batch of rows if this instance holds the lease.
	 * @return how many rows were published
	 */
	int relayOnce() {
		if (!this.lease.holdOrAcquire()) {
			return 0;
		}
		List<OutboxRow> rows = this.outbox.findUnpublished(this.properties.relay().batchSize());
		if (rows.isEmpty()) {
			return 0;
		}
		List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			sends.add(send(row));
		}
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
			.orTimeout(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.join();
		this.outbox.markPublished(rows.stream().map(OutboxRow::id).toList(), Instant.now());
		return rows.size();
	}

	private CompletableFuture<?> send(OutboxRow row) {
		Span span = this.propagator.extract(row, (carrier, key) -> switch (key) {
			case "traceparent" -> carrier.traceparent();
			case "tracestate" -> carrier.tracestate();
			default -> null;
		}).name("outbox relay " + row.eventType()).kind(Span.Kind.PRODUCER).start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			CloudEvent event = CloudEventBuilder.v1()
				.withId(row.eventId())
				.withSource(this.source)
				.withType(row.eventType())
				.withSubject(row.subject())
				.withTime(row.createdAt().atOffset(ZoneOffset.UTC))
				.withDataContentType("application/json")
				.withData(row.payload().getBytes(StandardCharsets.UTF_8))
				.build();
			ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(row.topic(), row.subject())
				.writeBinary(event);
			return this.kafka.send(record).whenComplete((result, failure) -> {
				if (failure != null) {
					span.error(failure);
				}
				span.end();
			});
		}
	}

	/**
	 * Runs a round now, on the relay's thread, because a transaction has just committed
	 * events: they leave within milliseconds instead of at the next poll. Commits while a
	 * round is queued share it; a commit during a round queues the next one, so no event
	 * waits for the poll.
	 */
	void wake() {
		ScheduledExecutorService running = this.executor;
		if (running != null && this.woken.compareAndSet(false, true)) {
			try {
				running.execute(() -> {
					this.woken.set(false);
					round();
				});
			}
			catch (RejectedExecutionException ex) {
				// stopping: the next start relays what is left
				this.woken.set(false);
			}
		}
	}

	private void round() {
		try {
			int published;
			do {
				published = relayOnce();
			}
			while (published == this.properties.relay().batchSize() && isRunning());
			housekeeping();
		}
		catch (RuntimeException ex) {
			// Kafka or the database is down: keep the rows, try again next round
			log.warn("Outbox relay round failed, will retry: {}", ex.getMessage());
		}
	}

	private void housekeeping() {
		Instant now = Instant.now();
		if (now.isAfter(this.statsAt.plus(STATS_EVERY))) {
			this.statsAt = now;
			this.pending.set(this.outbox.countUnpublished());
			Instant oldest = this.outbox.oldestUnpublished();
			this.lagMillis.set((oldest != null) ? Math.max(0, Duration.between(oldest, now).toMillis()) : 0);
		}
		if (now.isAfter(this.purgedAt.plus(Duration.ofMinutes(10)))) {
			this.purgedAt = now;
			this.outbox.purgePublished(now.minus(this.properties.relay().retention()), 10_000);
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor == null) {
			this.executor = Executors
				.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").daemon(true).factory());
			long every = this.properties.relay().interval().toMillis();
			this.executor.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdown();
			try {
				this.executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
		}
		this.lease.release();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
