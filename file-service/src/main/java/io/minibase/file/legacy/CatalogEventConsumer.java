package io.minibase.file.legacy;

import java.time.Instant;
import java.util.List;

import io.minibase.common.events.EventReader;
import io.minibase.common.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes catalog-service's {@code catalog.products.v1} for the one type this service
 * needs; failures are retried, then dead-lettered to {@code catalog.products.v1.dlt}
 * (common-events).
 */
@Component
class CatalogEventConsumer {

	static final String TOPIC = "catalog.products.v1";

	static final String LEGACY_IMAGES_REFERENCED = "catalog.LegacyImagesReferenced.v1";

	private final EventReader reader;

	private final LegacyReferences references;

	CatalogEventConsumer(EventReader reader, LegacyReferences references) {
		this.reader = reader;
		this.references = references;
	}

	@KafkaListener(topics = TOPIC)
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = this.reader.read(record);
		if (LEGACY_IMAGES_REFERENCED.equals(event.type())) {
			this.references.referenced(event.id(), event.data(LegacyImagesReferenced.class).fileIds());
		}
		// ProductChanged and the rest: not this service's business
	}

	/** The numeric file ids a product referenced when file ids became random. */
	record LegacyImagesReferenced(String productId, List<String> fileIds, Instant at) {
	}

}
