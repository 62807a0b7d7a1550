package io.minibase.common.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A tiny service on the backbone: publishes NoteWritten events and applies them. */
@SpringBootApplication
class NotesApp {

	static final String TOPIC = "it.notes.v1";

	record NoteWritten(String text) {
	}

	@Component
	static class Notes {

		private final Outbox outbox;

		private final ProcessedEvents processed;

		private final JdbcTemplate jdbc;

		Notes(Outbox outbox, ProcessedEvents processed, JdbcTemplate jdbc) {
			this.outbox = outbox;
			this.processed = processed;
			this.jdbc = jdbc;
		}

		@Transactional
		String write(String subject, String text) {
			return this.outbox.append(TOPIC, "it.NoteWritten.v1", subject, new NoteWritten(text));
		}

		@Transactional
		void apply(IncomingEvent event) {
			if (this.processed.firstTime("notes", event.id())) {
				this.jdbc.update("INSERT INTO note_applied (event_id, subject, text) VALUES (?, ?, ?)", event.id(),
						event.subject(), event.data(NoteWritten.class).text());
			}
		}

		int applied(String subject) {
			return this.jdbc.queryForObject("SELECT COUNT(*) FROM note_applied WHERE subject = ?", Integer.class,
					subject);
		}

	}

	/** Consumes the topic; fails on "poison" notes while {@link #poisoned} is set. */
	@Component
	static class NoteEventConsumer {

		volatile boolean poisoned = true;

		final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

		private final EventReader reader;

		private final Notes notes;

		NoteEventConsumer(EventReader reader, Notes notes) {
			this.reader = reader;
			this.notes = notes;
		}

		@KafkaListener(topics = TOPIC)
		void on(ConsumerRecord<String, byte[]> record) {
			IncomingEvent event = this.reader.read(record);
			this.deliveries.computeIfAbsent(event.subject(), (key) -> new AtomicInteger()).incrementAndGet();
			if (this.poisoned && event.data(NoteWritten.class).text().equals("poison")) {
				throw new IllegalStateException("cannot apply poison yet");
			}
			this.notes.apply(event);
		}

	}

}
