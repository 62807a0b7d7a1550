package io.minibase.order.ordering;

import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.order.ordering.OrderEvents.OrderCompleted;
import io.minibase.order.ordering.OrderEvents.OrderShipped;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shipping a paid order (the admin) and confirming its receipt (the buyer); the
 * confirmation window's sweep is {@link OrderCompletion}. Each move is decided by
 * {@link Order} and written with its event in one transaction; a move that lost to a
 * concurrent one (a refund, the sweep) changes nothing and is a 409.
 */
@Service
class OrderFulfilment {

	private final OrderService service;

	private final OrderMapper orders;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final OrderChanges changes;

	private final MeterRegistry meters;

	OrderFulfilment(OrderService service, OrderMapper orders, Outbox outbox, TransactionTemplate transactions,
			OrderChanges changes, MeterRegistry meters) {
		this.service = service;
		this.orders = orders;
		this.outbox = outbox;
		this.transactions = transactions;
		this.changes = changes;
		this.meters = meters;
	}

	/** The shop hands a paid order to a carrier. */
	OrderView ship(String id, ShipOrder request) {
		Order order = this.service.existing(id);
		order.ship();
		if (this.orders.address(order.id()) == null) {
			throw new OrderStateConflict("An order placed without a delivery address cannot be shipped.",
					order.status());
		}
		boolean shipped = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			if (this.orders.shipped(order.id(), order.status(), request.carrier(), request.trackingNo()) == 0) {
				return false;
			}
			this.outbox.append(OrderEvents.TOPIC, OrderShipped.TYPE, String.valueOf(order.id()),
					new OrderShipped(String.valueOf(order.id()), String.valueOf(order.userId()), request.carrier(),
							request.trackingNo(), Instant.now()));
			return true;
		}));
		return moved(order, shipped, OrderStatus.SHIPPED);
	}

	/** The buyer says their shipped order arrived. */
	OrderView confirmReceipt(long userId, String id) {
		Order order = this.service.owned(userId, id);
		order.complete();
		boolean completed = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			if (this.orders.completed(order.id(), order.status()) == 0) {
				return false;
			}
			this.outbox.append(OrderEvents.TOPIC, OrderCompleted.TYPE, String.valueOf(order.id()),
					new OrderCompleted(String.valueOf(order.id()), String.valueOf(userId),
							OrderCompleted.CompletedBy.BUYER, Instant.now()));
			return true;
		}));
		return moved(order, completed, OrderStatus.COMPLETED);
	}

	private OrderView moved(Order order, boolean moved, OrderStatus to) {
		Order now = this.orders.find(order.id());
		if (!moved) {
			throw OrderStateConflict.movedMeanwhile(now.status());
		}
		this.changes.announce(String.valueOf(order.id()));
		OrderTransitions.count(this.meters, to);
		return this.service.view(now);
	}

}
