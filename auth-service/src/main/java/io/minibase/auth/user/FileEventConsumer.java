package io.minibase.auth.user;

import java.time.Instant;

import io.minibase.common.events.EventReader;
import io.minibase.common.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes file-service's {@code file.files.v1}: a file that WeChat's media check
 * rejected is never served again, so an avatar that shows it is dropped. Failures are
 * retried, then dead-lettered to {@code file.files.v1.dlt} (common-events).
 */
@Component
class FileEventConsumer {

	static final String TOPIC = "file.files.v1";

	static final String REVIEWED = "file.FileReviewed.v1";

	private final EventReader reader;

	private final Users users;

	FileEventConsumer(EventReader reader, Users users) {
		this.reader = reader;
		this.users = users;
	}

	@KafkaListener(topics = TOPIC)
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = this.reader.read(record);
		if (REVIEWED.equals(event.type())) {
			FileReviewed reviewed = event.data(FileReviewed.class);
			if (reviewed.verdict() == Verdict.REJECTED) {
				this.users.dropRejectedAvatar(event.id(), Long.parseLong(reviewed.ownerId()), reviewed.fileId());
			}
		}
		// FileUploaded: not this service's business
	}

	/** WeChat's verdict on a user's upload (schema in common-events). */
	record FileReviewed(String fileId, String ownerId, String url, Verdict verdict, Instant reviewedAt) {
	}

	enum Verdict {

		PASSED, REJECTED

	}

}
