package io.minibase.order.payment;

import java.time.Instant;

/** The provider says an order was paid; {@code transactionId} is unique per payment. */
public record PaymentNotification(String orderId, String transactionId, long amountFen, Instant paidAt) {
}
