package io.minibase.order.ordering;

import io.minibase.common.events.EventReader;
import io.minibase.common.events.IncomingEvent;
import io.minibase.order.ordering.IncomingStockEvents.StockRejected;
import io.minibase.order.ordering.IncomingStockEvents.StockReserved;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes catalog's answers on {@code catalog.stock.v1}; failures are retried, then
 * dead-lettered to {@code catalog.stock.v1.dlt} (common-events).
 */
@Component
class StockEventConsumer {

	private static final Logger log = LoggerFactory.getLogger(StockEventConsumer.class);

	private final EventReader reader;

	private final OrderSaga saga;

	StockEventConsumer(EventReader reader, OrderSaga saga) {
		this.reader = reader;
		this.saga = saga;
	}

	@KafkaListener(topics = IncomingStockEvents.TOPIC)
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = this.reader.read(record);
		switch (event.type()) {
			case StockReserved.TYPE -> this.saga.reserved(event.id(), event.data(StockReserved.class));
			case StockRejected.TYPE -> this.saga.rejected(event.id(), event.data(StockRejected.class));
			// StockReleased only confirms what the cancel or expiry already says
			default -> log.debug("Ignoring event {} of type {}", event.id(), event.type());
		}
	}

}
