package io.minibase.catalog.stock;

import io.minibase.catalog.stock.OrderEvents.OrderClosed;
import io.minibase.catalog.stock.OrderEvents.OrderPlaced;
import io.minibase.catalog.stock.OrderEvents.OrderRefunded;
import io.minibase.common.events.EventReader;
import io.minibase.common.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code order.orders.v1}: placing reserves stock, cancelling or expiring
 * returns it, paying sells it, a whole refund before shipping returns what was sold.
 * Failures are retried, then dead-lettered to {@code order.orders.v1.dlt}
 * (common-events).
 */
@Component
class OrderEventConsumer {

	private static final Logger log = LoggerFactory.getLogger(OrderEventConsumer.class);

	private final EventReader reader;

	private final StockService stock;

	OrderEventConsumer(EventReader reader, StockService stock) {
		this.reader = reader;
		this.stock = stock;
	}

	@KafkaListener(topics = OrderEvents.TOPIC)
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = this.reader.read(record);
		switch (event.type()) {
			case OrderEvents.PLACED -> this.stock.reserve(event.id(), event.data(OrderPlaced.class));
			case OrderEvents.CANCELLED, OrderEvents.EXPIRED ->
				this.stock.release(event.id(), event.data(OrderClosed.class).orderId());
			case OrderEvents.PAID -> this.stock.sell(event.id(), event.data(OrderClosed.class).orderId());
			case OrderEvents.REFUNDED -> {
				OrderRefunded refunded = event.data(OrderRefunded.class);
				if (refunded.refundedBeforeShipping()) {
					this.stock.restock(event.id(), refunded.orderId());
				}
			}
			default -> log.debug("Ignoring event {} of type {}", event.id(), event.type());
		}
	}

}
