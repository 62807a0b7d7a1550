package io.minibase.order.payment;

import java.time.Instant;

/**
 * What the provider needs to open a payment for an order: who pays ({@code buyerId}, the
 * user id; WeChat Pay's provider finds their openid) and until when ({@code payBefore},
 * the end of the order's payment window).
 */
public record PrepayRequest(String orderId, long amountFen, String description, long buyerId, Instant payBefore) {
}
