package io.minibase.order.catalog;

import io.minibase.common.events.EventReader;
import io.minibase.common.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes catalog's {@code catalog.products.v1} into this service's copy of products and
 * SKUs; failures are retried, then dead-lettered to {@code catalog.products.v1.dlt}
 * (common-events).
 */
@Component
class ProductEventConsumer {

	private static final Logger log = LoggerFactory.getLogger(ProductEventConsumer.class);

	private final EventReader reader;

	private final CatalogCopy copy;

	ProductEventConsumer(EventReader reader, CatalogCopy copy) {
		this.reader = reader;
		this.copy = copy;
	}

	@KafkaListener(topics = ProductEvents.TOPIC)
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = this.reader.read(record);
		if (ProductEvents.ProductChanged.TYPE.equals(event.type())) {
			this.copy.changed(event.id(), event.data(ProductEvents.ProductChanged.class));
		}
		else {
			log.debug("Ignoring event {} of type {}", event.id(), event.type());
		}
	}

}
