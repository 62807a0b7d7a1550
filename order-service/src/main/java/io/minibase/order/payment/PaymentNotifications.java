package io.minibase.order.payment;

/**
 * Receives the provider's paid notifications; applying one twice changes nothing.
 */
public interface PaymentNotifications {

	PaymentOutcome paid(PaymentNotification notification);

}
