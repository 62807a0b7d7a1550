package io.minibase.order.order;

/**
 * Where an order stands. PENDING waits for catalog's answer; AWAITING_PAYMENT holds
 * reserved stock until paid, cancelled or expired.
 */
enum OrderStatus {

	PENDING, AWAITING_PAYMENT, REJECTED, PAID, CANCELLED;

	boolean cancellable() {
		return this == PENDING || this == AWAITING_PAYMENT;
	}

}
