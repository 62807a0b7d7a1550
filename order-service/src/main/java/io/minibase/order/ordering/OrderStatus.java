package io.minibase.order.ordering;

/**
 * Where an order stands (api.md, Orders and Fulfilment). PENDING waits for catalog's
 * answer; AWAITING_PAYMENT holds reserved stock until paid, cancelled or expired (an
 * expired order is CANCELLED, reason EXPIRED); a PAID order is SHIPPED by the shop, then
 * COMPLETED by its buyer or by the confirmation window; a paid order whose whole payment
 * is being refunded is REFUNDING, then REFUNDED (a partial refund keeps its status). The
 * moves between them are {@link Order}'s.
 */
enum OrderStatus {

	PENDING, AWAITING_PAYMENT, REJECTED, PAID, SHIPPED, COMPLETED, CANCELLED, REFUNDING, REFUNDED;

	/** Not yet paid, rejected or cancelled: the buyer may cancel, the sweep expire it. */
	boolean open() {
		return this == PENDING || this == AWAITING_PAYMENT;
	}

	/** Paid and not refunded wholly: money is left to refund. */
	boolean refundable() {
		return this == PAID || this == SHIPPED || this == COMPLETED;
	}

	/** Paid and not refunded wholly yet: its whole payment can still go back. */
	boolean paidFor() {
		return refundable() || this == REFUNDING;
	}

	/**
	 * Whether an order in this status may have refunds: a paid one, or a cancelled one
	 * whose money came after it expired.
	 */
	boolean mayHaveRefunds() {
		return refundable() || this == REFUNDING || this == REFUNDED || this == CANCELLED;
	}

}
