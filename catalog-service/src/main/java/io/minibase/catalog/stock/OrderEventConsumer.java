package io.minibase.catalog.stock;

import java.util.ArrayList;
import java.util.List;

import io.minibase.catalog.stock.IncomingOrderEvents.OrderClosed;
import io.minibase.catalog.stock.IncomingOrderEvents.OrderPlaced;
import io.minibase.catalog.stock.IncomingOrderEvents.OrderRefunded;
import io.minibase.catalog.stock.StockService.Closing;
import io.minibase.catalog.stock.StockService.Placement;
import io.minibase.common.events.EventReader;
import io.minibase.common.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code order.orders.v1}: placing reserves stock, cancelling or expiring
 * returns it, paying sells it. It takes a poll's records at once, so that consecutive
 * placements are reserved a run at a time ({@link StockService#reserve(List)}), and
 * consecutive cancellations and expiries released the same way; a paid order, and a
 * refunded one (whose units come back when it had not shipped), is applied alone. A
 * partition's order holds: a run ends where an event of another kind comes. When a run
 * fails as a whole, its events are tried one by one; the first that fails alone is handed
 * to the error handler by its position (retried, then dead-lettered to
 * {@code order.orders.v1.dlt}, common-events), and what came before it stays applied.
 */
@Component
class OrderEventConsumer {

	/**
	 * Events applied in one transaction at most: enough to take a crowd's orders for a
	 * product in a few locks, few enough that a run holds the product's row for tens of
	 * milliseconds, not the whole poll's (up to max.poll.records, 500).
	 */
	static final int RUN = 50;

	private static final Logger log = LoggerFactory.getLogger(OrderEventConsumer.class);

	private final EventReader reader;

	private final StockService stock;

	private final EventTraces traces;

	OrderEventConsumer(EventReader reader, StockService stock, EventTraces traces) {
		this.reader = reader;
		this.stock = stock;
		this.traces = traces;
	}

	@KafkaListener(topics = IncomingOrderEvents.TOPIC, batch = "true")
	void on(List<ConsumerRecord<String, byte[]>> records) {
		Run run = new Run();
		for (ConsumerRecord<String, byte[]> record : records) {
			IncomingEvent event;
			Object item;
			try {
				event = this.reader.read(record);
				item = switch (event.type()) {
					case IncomingOrderEvents.PLACED ->
						new Placement(event.id(), event.data(OrderPlaced.class), this.traces.of(record));
					case IncomingOrderEvents.CANCELLED, IncomingOrderEvents.EXPIRED ->
						new Closing(event.id(), event.data(OrderClosed.class).orderId(), this.traces.of(record));
					default -> null;
				};
			}
			catch (RuntimeException ex) {
				run.apply();
				throw new BatchListenerFailedException("Unreadable event", ex, record);
			}
			if (item != null) {
				run.add(record, item);
				continue;
			}
			run.apply();
			try {
				applyAlone(event, record);
			}
			catch (RuntimeException ex) {
				throw new BatchListenerFailedException("Could not apply " + event.type(), ex, record);
			}
		}
		run.apply();
	}

	private void applyAlone(IncomingEvent event, ConsumerRecord<String, byte[]> record) {
		switch (event.type()) {
			case IncomingOrderEvents.PAID -> this.traces.within(this.traces.of(record), "sell stock",
					() -> this.stock.sell(event.id(), event.data(OrderClosed.class).orderId()));
			case IncomingOrderEvents.REFUNDED -> {
				OrderRefunded refunded = event.data(OrderRefunded.class);
				if (refunded.refundedBeforeShipping()) {
					this.traces.within(this.traces.of(record), "restock",
							() -> this.stock.restock(event.id(), refunded.orderId()));
				}
			}
			default -> log.debug("Ignoring event {} of type {}", event.id(), event.type());
		}
	}

	/**
	 * Consecutive events of one kind (placements, or cancellations and expiries), applied
	 * together; alone, one by one, when they fail together.
	 */
	private final class Run {

		private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

		private final List<Object> items = new ArrayList<>();

		void add(ConsumerRecord<String, byte[]> record, Object item) {
			if (!this.items.isEmpty() && this.items.getFirst().getClass() != item.getClass()) {
				apply();
			}
			this.records.add(record);
			this.items.add(item);
			if (this.items.size() == RUN) {
				apply();
			}
		}

		void apply() {
			if (this.items.isEmpty()) {
				return;
			}
			try {
				applyTogether(this.items);
			}
			catch (RuntimeException ex) {
				log.info("A run of {} events failed ({}); applying them one by one", this.items.size(), ex.toString());
				for (int i = 0; i < this.items.size(); i++) {
					try {
						applyTogether(List.of(this.items.get(i)));
					}
					catch (RuntimeException alone) {
						throw new BatchListenerFailedException("Could not apply an event", alone, this.records.get(i));
					}
				}
			}
			finally {
				this.records.clear();
				this.items.clear();
			}
		}

		private void applyTogether(List<Object> run) {
			if (run.getFirst() instanceof Placement) {
				OrderEventConsumer.this.stock.reserve(run.stream().map(Placement.class::cast).toList());
			}
			else {
				OrderEventConsumer.this.stock.release(run.stream().map(Closing.class::cast).toList());
			}
		}

	}

}
