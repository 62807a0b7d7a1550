package io.minibase.common.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.minibase.testsupport.UseLocalInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = NotesApp.class,
		properties = { "spring.application.name=events-it", "minibase.database=events",
				"minibase.events.topics=" + NotesApp.TOPIC, "minibase.events.relay.interval=10m",
				"minibase.events.consumer.attempts=3", "minibase.events.consumer.initial-backoff=50ms" })
@UseLocalInfra(database = "events", kafka = true)
// The relay polls only every 10 minutes here: every event that arrives in these tests'
// deadlines left because its commit woke the relay.
class EventsIT {

	@Autowired
	NotesApp.Notes notes;

	@Autowired
	NotesApp.NoteEventConsumer consumer;

	@Autowired
	Tracer tracer;

	@Autowired
	Propagator propagator;

	@Autowired
	OutboxRelay relay;

	@Autowired
	DeadLetterEndpoint deadLetters;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	org.mybatis.spring.SqlSessionTemplate sql;

	@Autowired
	EventsProperties properties;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void aCommittedChangeIsPublishedAsACloudEventInTheWritersTraceAndAppliedOnce() {
		String subject = "note-" + UUID.randomUUID();
		Span span = this.tracer.nextSpan().name("write a note").start();
		String eventId;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			eventId = this.notes.write(subject, "hello 😀");
		}
		finally {
			span.end();
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> this.notes.applied(subject) == 1);
		ConsumerRecord<String, byte[]> record = records(NotesApp.TOPIC, subject).get(0);
		assertThat(record.key()).isEqualTo(subject);
		assertThat(header(record, "ce_id")).isEqualTo(eventId);
		assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(header(record, "ce_type")).isEqualTo("it.NoteWritten.v1");
		assertThat(header(record, "ce_source")).isEqualTo("/events-it");
		assertThat(header(record, "ce_subject")).isEqualTo(subject);
		assertThat(header(record, "content-type")).isEqualTo("application/json");
		assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hello 😀\"}");
		// the relay runs later on another thread, yet the record continues the writer's
		// trace
		assertThat(header(record, "traceparent")).startsWith("00-" + span.context().traceId() + "-");
	}

	@Test
	void aTransactionsEventsAreWrittenInTheirOrderBeforeItsCommitAndAnInnerTransactionWritesOnlyItsOwn() {
		String outer = "note-" + UUID.randomUUID();
		String inner = "note-" + UUID.randomUUID();
		TransactionTemplate own = new TransactionTemplate(this.transactions.getTransactionManager());
		own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		List<String> written = this.transactions.execute((status) -> {
			List<String> ids = new ArrayList<>();
			ids.add(this.notes.write(outer, "first"));
			String innerId = own.execute((innerStatus) -> this.notes.write(inner, "inside"));
			// committed on its own, while the outer transaction's rows are not written
			// yet
			assertThat(eventIdsOf(inner)).containsExactly(innerId);
			assertThat(eventIdsOf(outer)).isEmpty();
			ids.add(this.notes.write(outer, "second"));
			ids.add(this.notes.write(outer, "third"));
			return ids;
		});
		assertThat(eventIdsOf(outer)).containsExactlyElementsOf(written);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.notes.applied(outer) == 3);
		assertThat(records(NotesApp.TOPIC, outer)).extracting((record) -> header(record, "ce_id"))
			.containsExactlyElementsOf(written);
	}

	private List<String> eventIdsOf(String subject) {
		return this.jdbc.queryForList("SELECT event_id FROM outbox WHERE subject = ? ORDER BY id", String.class,
				subject);
	}

	@Test
	void aRolledBackChangePublishesNothing() {
		String subject = "note-" + UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			this.notes.write(subject, "never");
			status.setRollbackOnly();
		});
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE subject = ?", Integer.class, subject))
			.isZero();
	}

	@Test
	void whatWasAppliedIsCommittedSoonWithoutAPollWaitingForTheBroker() throws Exception {
		for (MessageListenerContainer container : this.listeners.getListenerContainers()) {
			ContainerProperties settings = container.getContainerProperties();
			assertThat(settings.getAckMode()).as(container.getListenerId()).isEqualTo(ContainerProperties.AckMode.TIME);
			assertThat(settings.getAckTime()).isEqualTo(this.properties.consumer().commitInterval().toMillis());
			assertThat(settings.isSyncCommits()).isFalse();
		}
		String subject = "note-" + UUID.randomUUID();
		this.notes.write(subject, "committed");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.notes.applied(subject) == 1);
		ConsumerRecord<String, byte[]> record = records(NotesApp.TOPIC, subject).get(0);
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			// the group's offset passes the record within a few commit intervals
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				OffsetAndMetadata committed = admin.listConsumerGroupOffsets("events-it")
					.partitionsToOffsetAndMetadata()
					.get()
					.get(partition);
				return committed != null && committed.offset() > record.offset();
			});
		}
	}

	@Test
	void aRedeliveredEventChangesNothing() throws Exception {
		String subject = "note-" + UUID.randomUUID();
		this.notes.write(subject, "once");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.notes.applied(subject) == 1);
		ConsumerRecord<String, byte[]> original = records(NotesApp.TOPIC, subject).get(0);

		this.kafka
			.send(new ProducerRecord<>(NotesApp.TOPIC, null, original.key(), original.value(), original.headers()))
			.get();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.consumer.deliveries.get(subject).get() == 2);
		assertThat(this.notes.applied(subject)).isEqualTo(1);
	}

	@Test
	void aPoisonRecordIsDeadLetteredAfterItsRetriesCountedAndAppliedOnceWhenReplayedAfterTheFix() {
		String subject = "note-" + UUID.randomUUID();
		double before = deadLettered();
		this.consumer.poisoned = true;
		this.notes.write(subject, "poison");

		await().atMost(Duration.ofSeconds(30)).until(() -> !records(NotesApp.TOPIC + ".dlt", subject).isEmpty());
		ConsumerRecord<String, byte[]> dead = records(NotesApp.TOPIC + ".dlt", subject).get(0);
		assertThat(header(dead, "kafka_dlt-exception-message")).contains("cannot apply poison yet");
		assertThat(this.consumer.deliveries.get(subject).get()).isEqualTo(3);
		assertThat(deadLettered()).isEqualTo(before + 1);
		assertThat(this.notes.applied(subject)).isZero();
		assertThat(this.deadLetters.waiting()).containsEntry(NotesApp.TOPIC, 1L);

		this.consumer.poisoned = false;
		assertThat(this.deadLetters.replay(NotesApp.TOPIC)).containsEntry("replayed", 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.notes.applied(subject) == 1);

		assertThat(this.deadLetters.replay(NotesApp.TOPIC)).containsEntry("replayed", 0);
		assertThat(this.deadLetters.waiting()).containsEntry(NotesApp.TOPIC, 0L);
		assertThat(this.notes.applied(subject)).isEqualTo(1);
	}

	@Test
	void withSeveralInstancesRelayingEachEventIsPublishedExactlyOnce() throws Exception {
		this.relay.stop();
		List<OutboxRelay> instances = List.of(newRelay(), newRelay(), newRelay());
		try {
			String prefix = "many-" + UUID.randomUUID() + "-";
			for (int i = 0; i < 30; i++) {
				this.notes.write(prefix + i, "n" + i);
			}
			List<CompletableFuture<Void>> running = new ArrayList<>();
			for (OutboxRelay instance : instances) {
				running.add(CompletableFuture.runAsync(() -> {
					for (int round = 0; round < 20; round++) {
						instance.relayOnce();
					}
				}));
			}
			CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();

			await().atMost(Duration.ofSeconds(30)).until(() -> records(NotesApp.TOPIC, prefix).size() >= 30);
			List<ConsumerRecord<String, byte[]>> published = records(NotesApp.TOPIC, prefix);
			assertThat(published).hasSize(30);
			assertThat(published.stream().map(ConsumerRecord::key).distinct()).hasSize(30);
		}
		finally {
			instances.forEach(OutboxRelay::stop);
			this.relay.start();
		}
	}

	private OutboxRelay newRelay() {
		return new OutboxRelay(this.sql.getMapper(OutboxMapper.class), new RelayLease(this.dataSource), this.kafka,
				this.tracer, this.propagator, this.properties, "/events-it",
				new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
	}

	private double deadLettered() {
		var counter = this.meters.find("minibase.events.dead.letters").tag("topic", NotesApp.TOPIC).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** Every record of the topic whose key starts with the prefix, from the beginning. */
	private List<ConsumerRecord<String, byte[]>> records(String topic, String keyPrefix) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config)) {
			reader.subscribe(List.of(topic));
			int emptyPolls = 0;
			while (emptyPolls < 3) {
				var batch = reader.poll(Duration.ofMillis(700));
				emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
				batch.forEach((record) -> {
					if (record.key() != null && record.key().startsWith(keyPrefix)) {
						found.add(record);
					}
				});
			}
		}
		return found;
	}

	private static String header(ConsumerRecord<?, ?> record, String key) {
		Header header = record.headers().lastHeader(key);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
