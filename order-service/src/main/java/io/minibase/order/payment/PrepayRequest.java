package io.minibase.order.payment;

/** What the provider needs to open a payment for an order. */
public record PrepayRequest(String orderId, long amountFen, String description, String payerId) {
}
