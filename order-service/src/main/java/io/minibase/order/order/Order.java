package io.minibase.order.order;

import java.time.Instant;

/**
 * An order as stored. {@code reason} says why it was rejected (catalog's reason) or
 * cancelled ({@code USER} or {@code EXPIRED}).
 */
record Order(long id, long userId, OrderStatus status, String reason, long totalFen, String remark, Instant expiresAt,
		Instant paidAt, Instant createdAt, Instant updatedAt) {

	/** A line; name and price are catalog's, copied when the stock was reserved. */
	record OrderLine(long orderId, int lineNo, String productId, String name, long priceFen, int quantity) {
	}

}
