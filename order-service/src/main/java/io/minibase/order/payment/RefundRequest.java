package io.minibase.order.payment;

/**
 * A refund of part or all of an order's payment: {@code refundNo} is ours and unique
 * ({@code out_refund_no}), so sending it again refunds once; {@code totalFen} is what the
 * order's payment was.
 */
public record RefundRequest(String refundNo, String orderId, long amountFen, long totalFen, String reason) {
}
