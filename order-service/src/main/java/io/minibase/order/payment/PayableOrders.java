package io.minibase.order.payment;

import java.time.Instant;
import java.util.OptionalLong;

import org.springframework.web.ErrorResponseException;

/**
 * What payment asks of the orders it is paid for and refunds. The orders implement it
 * ({@code ordering.PaymentMoves}): an order's rules, its row and its events stay with the
 * order, the money (payment and refund rows, WeChat Pay) stays here, and payment never
 * reaches into the order's classes. The writing steps run in the caller's transaction, in
 * the order the caller calls them: the locks are taken payment row first, then its
 * refunds, then the order row, as every refund takes them.
 */
public interface PayableOrders {

	/**
	 * The caller's order, to be paid now.
	 * @throws ErrorResponseException 404 unless it is the caller's, 409 unless it awaits
	 * payment within its payment window
	 */
	Payable payable(long userId, String orderId);

	/** The order's total, empty when there is no such order. */
	OptionalLong totalFen(long orderId);

	/**
	 * Money arrived: the order becomes PAID (with OrderPaid) if it still awaits payment.
	 * @return false when it no longer does (expired or cancelled meanwhile): the money
	 * goes back
	 */
	boolean paid(long orderId, long amountFen, String transactionId);

	/** After the commit of {@link #paid}: the order's change is announced and counted. */
	void paidCommitted(long orderId);

	/**
	 * The order's id.
	 * @throws ErrorResponseException 404 unless {@code orderId} is an order id
	 */
	long orderId(String orderId);

	/**
	 * The caller's order's id.
	 * @throws ErrorResponseException 404 unless it is the caller's order
	 */
	long owned(long userId, String orderId);

	/**
	 * Why an order without a paid payment cannot be refunded: 404 when there is no such
	 * order, else 409 with its status.
	 */
	ErrorResponseException unpaid(long orderId);

	/**
	 * Why the buyer's order takes no after-sale refund although it is paid for: it has no
	 * PAID payment row (409 with its status).
	 */
	ErrorResponseException nothingToRefund(long orderId);

	/**
	 * Locks the order's row for a refund.
	 * @throws ErrorResponseException 409 unless it is paid, shipped or completed
	 */
	void lockToRefund(long orderId);

	/**
	 * Locks the order's row for an after-sale request.
	 * @return the order's buyer
	 * @throws ErrorResponseException 409 unless it is paid, shipped or completed
	 */
	long lockForAfterSale(long orderId);

	/** A refund of all that is left was decided: the locked order is REFUNDING. */
	void refundingWholly(long orderId);

	/** A refund was decided: RefundRequested, on the order's topic. */
	void refundRequested(long orderId, String refundId, long amountFen, String reason);

	/** Locks the order's row before a refund's result is recorded. */
	void lock(long orderId);

	/**
	 * A refund succeeded and {@code refundedFen} went back in all: when that is the
	 * order's whole total, the order is REFUNDED (with OrderRefunded).
	 */
	void refundSucceeded(long orderId, long refundedFen);

	/** A refund failed: an order being refunded goes back to where it was. */
	void refundFailed(long orderId);

	/** The order changed (a refund asked for or settled): its waiters read it again. */
	void changed(long orderId);

	/**
	 * An order that can be paid now: its id, total and payment window; {@code status} is
	 * its status's name, as the pay answer shows it.
	 */
	record Payable(long orderId, long totalFen, Instant expiresAt, String status) {
	}

}
