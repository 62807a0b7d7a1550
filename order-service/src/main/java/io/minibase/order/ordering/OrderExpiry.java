package io.minibase.order.ordering;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.order.config.OrderProperties;
import io.minibase.order.ordering.OrderEvents.OrderExpired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels orders not paid within the payment window and publishes OrderExpired, so
 * catalog returns their stock. The due time is a column, so a restart loses nothing; rows
 * are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances sweep at once
 * without expiring an order twice or waiting on each other. Each sweep expires one batch
 * at most, so a backlog of due orders drains at a bounded pace instead of flooding the
 * outbox ahead of new orders.
 */
@Component
class OrderExpiry {

	private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);

	private final OrderMapper orders;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final OrderProperties settings;

	private final MeterRegistry meters;

	private final OrderChanges changes;

	OrderExpiry(OrderMapper orders, Outbox outbox, TransactionTemplate transactions, OrderProperties settings,
			MeterRegistry meters, OrderChanges changes) {
		this.changes = changes;
		this.orders = orders;
		this.outbox = outbox;
		this.transactions = transactions;
		this.settings = settings;
		this.meters = meters;
	}

	@Scheduled(fixedDelayString = "${order.expiry.sweep-interval}",
			initialDelayString = "${order.expiry.sweep-interval}")
	void sweep() {
		try {
			expireBatch();
		}
		catch (RuntimeException ex) {
			// the next sweep tries again; nothing is lost while the database is away
			log.warn("Expiry sweep failed, retrying in {}: {}", this.settings.expiry().sweepInterval(),
					ex.getMessage());
		}
	}

	/** Expires one batch of due orders; returns how many. */
	int expireBatch() {
		List<Order> expiredOrders = this.transactions.execute((tx) -> {
			List<Order> due = this.orders.lockExpired(this.settings.expiry().batchSize());
			for (Order order : due) {
				// locked: nothing moves it meanwhile; the order's own rule, as for a
				// buyer's cancel (lockExpired selects only what it allows)
				order.cancel();
				this.orders.cancelled(order.id(), order.status(), Order.CancelReason.EXPIRED);
				this.outbox.append(OrderEvents.TOPIC, OrderExpired.TYPE, String.valueOf(order.id()),
						new OrderExpired(String.valueOf(order.id()), String.valueOf(order.userId()), Instant.now()));
			}
			return due;
		});
		Integer expired = (expiredOrders != null) ? expiredOrders.size() : null;
		if (expiredOrders != null) {
			expiredOrders.forEach((order) -> this.changes.announce(String.valueOf(order.id())));
		}
		if (expired != null && expired > 0) {
			OrderTransitions.count(this.meters, OrderStatus.CANCELLED, expired);
			log.info("Expired {} unpaid orders", expired);
		}
		return (expired != null) ? expired : 0;
	}

}
