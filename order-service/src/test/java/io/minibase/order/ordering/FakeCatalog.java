package io.minibase.order.ordering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.minibase.common.events.EventReader;
import io.minibase.common.events.IncomingEvent;
import io.minibase.common.events.Outbox;
import io.minibase.order.ordering.OrderEvents.OrderPlaced;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plays catalog-service on Kafka: answers every OrderPlaced with StockReserved at 100 fen
 * a unit, or StockRejected when a line names the product {@code missing}. A line by SKU
 * {@code <s>} is reserved as SKU {@code <s>} of product {@code of-<s>}, specs
 * {@code 颜色: <s>}; a line by product is answered as catalog answered before SKUs (no SKU,
 * no specs), so that order-service keeps reading those answers. Its answers go through
 * order-service's own outbox, so they travel the real relay and topic.
 */
class FakeCatalog {

	static final long PRICE = 100;

	private final EventReader reader;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	volatile boolean answering = true;

	FakeCatalog(EventReader reader, Outbox outbox, TransactionTemplate transactions) {
		this.reader = reader;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	@KafkaListener(topics = OrderEvents.TOPIC, groupId = "fake-catalog")
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = this.reader.read(record);
		if (!this.answering || !event.type().equals(OrderPlaced.TYPE)) {
			return;
		}
		OrderPlaced placed = event.data(OrderPlaced.class);
		this.transactions.executeWithoutResult((tx) -> {
			if (placed.items().stream().anyMatch((line) -> "missing".equals(line.productId()))) {
				this.outbox.append(IncomingStockEvents.TOPIC, IncomingStockEvents.StockRejected.TYPE, placed.orderId(),
						Map.of("orderId", placed.orderId(), "reason", "PRODUCT_NOT_FOUND", "productId", "missing", "at",
								Instant.now().toString()));
				return;
			}
			List<Map<String, Object>> lines = new ArrayList<>();
			long total = 0;
			for (OrderPlaced.Line line : placed.items()) {
				if (line.skuId() != null) {
					lines.add(Map.of("productId", "of-" + line.skuId(), "skuId", line.skuId(), "specs",
							Map.of("颜色", line.skuId()), "name", "Product of " + line.skuId(), "priceFen", PRICE,
							"quantity", line.quantity()));
				}
				else {
					lines.add(Map.of("productId", line.productId(), "name", "Product " + line.productId(), "priceFen",
							PRICE, "quantity", line.quantity()));
				}
				total += PRICE * line.quantity();
			}
			this.outbox.append(IncomingStockEvents.TOPIC, IncomingStockEvents.StockReserved.TYPE, placed.orderId(), Map
				.of("orderId", placed.orderId(), "lines", lines, "totalFen", total, "at", Instant.now().toString()));
		});
	}

}
