package io.minibase.order.ordering;

import java.time.Instant;
import java.util.OptionalLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.common.web.Ids;
import io.minibase.order.ordering.OrderEvents.OrderPaid;
import io.minibase.order.ordering.OrderEvents.OrderRefunded;
import io.minibase.order.ordering.OrderEvents.RefundRequested;
import io.minibase.order.payment.PayableOrders;

import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * The moves payment makes on orders ({@link PayableOrders}): paid, refunding, refunded,
 * back after a failed refund, each decided by {@link Order} and written with its guard
 * and event, in the caller's transaction. Payment calls here; orders never call payment
 * back for this, so the two packages have no cycle.
 */
@Component
class PaymentMoves implements PayableOrders {

	private final OrderMapper orders;

	private final Outbox outbox;

	private final OrderChanges changes;

	private final MeterRegistry meters;

	PaymentMoves(OrderMapper orders, Outbox outbox, OrderChanges changes, MeterRegistry meters) {
		this.orders = orders;
		this.outbox = outbox;
		this.changes = changes;
		this.meters = meters;
	}

	@Override
	public Payable payable(long userId, String orderId) {
		Order order = OrderService.owned(this.orders, userId, orderId);
		if (!order.payable() || !order.expiresAt().isAfter(Instant.now())) {
			throw new OrderStateConflict("Only an order awaiting payment, within its payment window, can be paid.",
					order.status());
		}
		return new Payable(order.id(), order.totalFen(), order.expiresAt(), order.status().name());
	}

	@Override
	public OptionalLong totalFen(long orderId) {
		Order order = this.orders.find(orderId);
		return (order != null) ? OptionalLong.of(order.totalFen()) : OptionalLong.empty();
	}

	@Override
	public boolean paid(long orderId, long amountFen, String transactionId) {
		Order order = this.orders.find(orderId);
		if (!order.payable() || this.orders.paid(orderId, order.status(), order.pay(), amountFen) == 0) {
			return false;
		}
		this.outbox.append(OrderEvents.TOPIC, OrderPaid.TYPE, String.valueOf(orderId), new OrderPaid(
				String.valueOf(orderId), String.valueOf(order.userId()), amountFen, transactionId, Instant.now()));
		return true;
	}

	@Override
	public void paidCommitted(long orderId) {
		this.changes.announce(String.valueOf(orderId));
		OrderTransitions.count(this.meters, OrderStatus.PAID);
	}

	@Override
	public long orderId(String orderId) {
		return Ids.parse(orderId).orElseThrow(OrderNotFound::new);
	}

	@Override
	public long owned(long userId, String orderId) {
		return OrderService.owned(this.orders, userId, orderId).id();
	}

	@Override
	public ErrorResponseException unpaid(long orderId) {
		Order order = this.orders.find(orderId);
		if (order == null) {
			return new OrderNotFound();
		}
		return new OrderStateConflict("Only a paid order can be refunded.", order.status());
	}

	@Override
	public ErrorResponseException nothingToRefund(long orderId) {
		// held since lockForAfterSale: a locking read, the status it was refused on
		return new OrderStateConflict("The order has no payment to refund.", this.orders.lock(orderId).status());
	}

	@Override
	public void lockToRefund(long orderId) {
		this.orders.lock(orderId).refundWholly();
	}

	@Override
	public long lockForAfterSale(long orderId) {
		Order order = this.orders.lock(orderId);
		order.takeAfterSale();
		return order.userId();
	}

	@Override
	public void refundingWholly(long orderId) {
		// held since lockToRefund; a locking read, so the order as it was decided on
		Order order = this.orders.lock(orderId);
		this.orders.moved(orderId, order.status(), order.refundWholly());
	}

	@Override
	public void refundRequested(long orderId, String refundId, long amountFen, String reason) {
		Order order = this.orders.find(orderId);
		String id = String.valueOf(orderId);
		this.outbox.append(OrderEvents.TOPIC, RefundRequested.TYPE, id,
				new RefundRequested(id, String.valueOf(order.userId()), refundId, amountFen, reason, Instant.now()));
	}

	@Override
	public void lock(long orderId) {
		this.orders.lock(orderId);
	}

	@Override
	public void refundSucceeded(long orderId, long refundedFen) {
		// held since lock(); a locking read sees it as it is, whatever this
		// transaction's snapshot
		Order order = this.orders.lock(orderId);
		// only a paid (shipped, completed) or refunding order becomes REFUNDED: an
		// expired order's late money going back leaves it CANCELLED
		if (refundedFen == order.totalFen() && order.status().paidFor()
				&& this.orders.moved(orderId, order.status(), order.refunded()) == 1) {
			// not shipped: catalog puts its units back on sale, once per event
			String id = String.valueOf(orderId);
			this.outbox.append(OrderEvents.TOPIC, OrderRefunded.TYPE, id, new OrderRefunded(id,
					String.valueOf(order.userId()), refundedFen, order.shippedAt() != null, Instant.now()));
		}
	}

	@Override
	public void refundFailed(long orderId) {
		Order order = this.orders.lock(orderId);
		if (order.status() == OrderStatus.REFUNDING) {
			this.orders.moved(orderId, order.status(), order.refundFailed());
		}
	}

	@Override
	public void changed(long orderId) {
		this.changes.announce(String.valueOf(orderId));
	}

}
