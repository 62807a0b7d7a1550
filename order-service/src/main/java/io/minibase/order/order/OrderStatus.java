package io.minibase.order.order;

/**
 * Where an order stands. PENDING waits for catalog's answer; AWAITING_PAYMENT holds
 * reserved stock until paid, cancelled or expired; a PAID order whose whole payment is
 * being refunded is REFUNDING, then REFUNDED (a partial refund keeps its status).
 */
enum OrderStatus {

	PENDING, AWAITING_PAYMENT, REJECTED, PAID, CANCELLED, REFUNDING, REFUNDED;

	boolean cancellable() {
		return this == PENDING || this == AWAITING_PAYMENT;
	}

}
