package io.minibase.order.ordering;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.order.config.OrderProperties;
import io.minibase.order.ordering.OrderEvents.OrderCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes shipped orders whose buyer has not confirmed receipt within the confirmation
 * window ({@code order.completion.window}), with OrderCompleted (TIMEOUT). Durable as the
 * expiry sweep is: the due time follows from a column ({@code shipped_at}, database
 * time), rows are claimed with {@code FOR UPDATE SKIP LOCKED} so instances split the
 * work, and one batch at most per sweep. A buyer confirming at the same moment loses or
 * wins against the sweep on the order's status: exactly one completes it.
 */
@Component
class OrderCompletion {

	private static final Logger log = LoggerFactory.getLogger(OrderCompletion.class);

	private final OrderMapper orders;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final OrderProperties settings;

	private final MeterRegistry meters;

	private final OrderChanges changes;

	OrderCompletion(OrderMapper orders, Outbox outbox, TransactionTemplate transactions, OrderProperties settings,
			MeterRegistry meters, OrderChanges changes) {
		this.orders = orders;
		this.outbox = outbox;
		this.transactions = transactions;
		this.settings = settings;
		this.meters = meters;
		this.changes = changes;
	}

	@Scheduled(fixedDelayString = "${order.completion.sweep-interval}",
			initialDelayString = "${order.completion.sweep-interval}")
	void sweep() {
		try {
			completeBatch();
		}
		catch (RuntimeException ex) {
			// the next sweep tries again; nothing is lost while the database is away
			log.warn("Completion sweep failed, retrying in {}: {}", this.settings.completion().sweepInterval(),
					ex.getMessage());
		}
	}

	/** Completes one batch of orders past their confirmation window; returns how many. */
	int completeBatch() {
		OrderProperties.Completion completion = this.settings.completion();
		List<Order> completed = this.transactions.execute((tx) -> {
			List<Order> due = this.orders.lockUnconfirmed(completion.window().toMillis(), completion.batchSize());
			for (Order order : due) {
				// locked: nothing moves it meanwhile
				order.complete();
				this.orders.completed(order.id(), order.status());
				this.outbox.append(OrderEvents.TOPIC, OrderCompleted.TYPE, String.valueOf(order.id()),
						new OrderCompleted(String.valueOf(order.id()), String.valueOf(order.userId()),
								OrderCompleted.CompletedBy.TIMEOUT, Instant.now()));
			}
			return due;
		});
		if (completed == null || completed.isEmpty()) {
			return 0;
		}
		completed.forEach((order) -> this.changes.announce(String.valueOf(order.id())));
		OrderTransitions.count(this.meters, OrderStatus.COMPLETED, completed.size());
		log.info("Completed {} shipped orders past their confirmation window", completed.size());
		return completed.size();
	}

}
