package io.minibase.order.wechat;

import java.time.Instant;

/**
 * The events of {@code order.orders.v1} this package reads (schemas in common-events),
 * and the one it publishes there.
 */
final class WeChatEvents {

	static final String TOPIC = "order.orders.v1";

	private WeChatEvents() {
	}

	record OrderPaid(String orderId, String userId, long totalFen, String transactionId, Instant at) {

		static final String TYPE = "order.OrderPaid.v1";

	}

	record OrderShipped(String orderId, String userId, String carrier, String trackingNo, Instant at) {

		static final String TYPE = "order.OrderShipped.v1";

	}

	record OrderRefunded(String orderId, String userId, long refundedFen, Instant at) {

		static final String TYPE = "order.OrderRefunded.v1";

	}

	/**
	 * An unpaid order is close to its expiry ({@code order.wechat.reminder.before}); its
	 * buyer is reminded to pay. Once per order.
	 */
	record OrderExpiryNeared(String orderId, String userId, Instant expiresAt, Instant at) {

		static final String TYPE = "order.OrderExpiryNeared.v1";

	}

}
