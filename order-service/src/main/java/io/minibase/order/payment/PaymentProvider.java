package io.minibase.order.payment;

/**
 * A payment provider shaped like WeChat Pay's JSAPI flow: {@link #prepay} registers the
 * payment and returns what the mini-program hands to {@code wx.requestPayment}; the
 * provider later reports the payment to {@link PaymentNotifications}, at least once.
 * Prepaying the same order again must be safe (the provider keys on the order id).
 */
public interface PaymentProvider {

	/**
	 * A short name stored with the payment, e.g. {@code wechat-pay} or {@code stand-in}.
	 */
	String name();

	Prepay prepay(PrepayRequest request);

}
