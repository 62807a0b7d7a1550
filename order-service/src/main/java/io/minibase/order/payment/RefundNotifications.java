package io.minibase.order.payment;

/** Receives the provider's refund results; applying one twice changes nothing. */
public interface RefundNotifications {

	RefundOutcome refunded(String refundNo, RefundStatus status, long amountFen);

}
