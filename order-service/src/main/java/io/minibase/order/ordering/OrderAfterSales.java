package io.minibase.order.ordering;

import io.minibase.order.payment.RefundStatus;
import io.minibase.order.payment.Refunds;
import io.minibase.order.payment.Refunds.Refundable;
import io.minibase.order.payment.Refunds.StartedRefund;

import org.springframework.stereotype.Service;

/**
 * What after-sales ({@code io.minibase.order.aftersale}) may ask of orders and their
 * money: whether the buyer's order takes a request, what is left to refund, and a refund
 * started inside the after-sale's own transaction. The rules stay {@link Order}'s and
 * {@link Refunds}'s: an after-sale refunds through the one refund path there is.
 */
@Service
public class OrderAfterSales {

	private final OrderService orders;

	private final Refunds refunds;

	OrderAfterSales(OrderService orders, Refunds refunds) {
		this.orders = orders;
		this.refunds = refunds;
	}

	/**
	 * Refuses unless the order is the buyer's (404) and paid, shipped or completed (409);
	 * a read without locks, to refuse early what {@link #lockRefundable} would refuse.
	 */
	public void requireRequestable(long userId, String orderId) {
		this.orders.owned(userId, orderId).takeAfterSale();
	}

	/** Refuses unless the order is the buyer's (404), whatever its status. */
	public void requireOwned(long userId, String orderId) {
		this.orders.owned(userId, orderId);
	}

	/**
	 * The buyer's paid order and what is left of its payment to refund, locked as a
	 * refund locks it until the caller's transaction ends; 404 and 409 as
	 * {@link #requireRequestable}.
	 */
	public Refundable lockRefundable(long userId, String orderId) {
		return this.refunds.lockRefundable(userId, orderId);
	}

	/**
	 * Starts a refund of the order in the caller's transaction, decided as an admin's is;
	 * {@link #submit} it once that transaction committed.
	 * @throws org.springframework.web.ErrorResponseException 409 when the order is no
	 * longer refundable or less is left than {@code amountFen}
	 */
	public StartedRefund startRefund(long orderId, long amountFen, String reason) {
		return this.refunds.startRefund(orderId, amountFen, reason);
	}

	/** Asks WeChat Pay for a committed refund (later, by reconciliation, if away). */
	public RefundStatus submit(StartedRefund refund) {
		return this.refunds.started(refund);
	}

}
