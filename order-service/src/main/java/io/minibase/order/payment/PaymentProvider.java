package io.minibase.order.payment;

/**
 * A payment provider shaped like WeChat Pay's JSAPI flow: {@link #prepay} registers the
 * payment and returns what the mini-program hands to {@code wx.requestPayment}; the
 * provider later reports the payment to {@link Payments#paid}, at least once. Prepaying
 * the same order again must be safe (the provider keys on the order id). {@link #query}
 * and {@link #close} settle what a notify did not: a lost notify, an order that expired
 * or was cancelled with its payment still open.
 */
public interface PaymentProvider {

	/**
	 * A short name stored with the payment, e.g. {@code wechat-pay}.
	 */
	String name();

	Prepay prepay(PrepayRequest request);

	/** The order's payment as the provider has it. */
	PaymentState query(String orderId);

	/**
	 * Closes the order's payment so that it can no longer be paid.
	 * @return the payment's state after: {@link PaymentState.Closed}, or
	 * {@link PaymentState.Paid} when it was paid before it could be closed
	 */
	PaymentState close(String orderId);

	/**
	 * Asks the provider to refund; the result comes later to {@link Refunds#refunded}.
	 * Sending the same {@code refundNo} again refunds once.
	 * @return the refund's state as the provider accepted it
	 */
	RefundStatus refund(RefundRequest request);

	/** The refund's state as the provider has it. */
	RefundStatus refundStatus(String refundNo);

}
