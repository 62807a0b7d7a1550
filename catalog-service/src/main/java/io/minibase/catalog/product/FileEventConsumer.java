package io.minibase.catalog.product;

import java.time.Instant;

import io.minibase.common.events.EventReader;
import io.minibase.common.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes file-service's {@code file.files.v1}: a product image that WeChat's media
 * check rejected leaves the product. Failures are retried, then dead-lettered to
 * {@code file.files.v1.dlt} (common-events).
 */
@Component
class FileEventConsumer {

	static final String TOPIC = "file.files.v1";

	static final String REVIEWED = "file.FileReviewed.v1";

	private final EventReader reader;

	private final ProductImages images;

	FileEventConsumer(EventReader reader, ProductImages images) {
		this.reader = reader;
		this.images = images;
	}

	@KafkaListener(topics = TOPIC)
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = this.reader.read(record);
		if (REVIEWED.equals(event.type())) {
			FileReviewed reviewed = event.data(FileReviewed.class);
			if (reviewed.verdict() == Verdict.REJECTED) {
				this.images.dropRejected(event.id(), reviewed.fileId());
			}
		}
		// FileUploaded: products name their files when an admin writes them
	}

	/** WeChat's verdict on a user's upload (schema in common-events). */
	record FileReviewed(String fileId, String ownerId, String url, Verdict verdict, Instant reviewedAt) {
	}

	enum Verdict {

		PASSED, REJECTED

	}

}
