package io.minibase.order.order;

import java.time.Instant;
import java.util.List;

import io.minibase.order.payment.RefundStatus;

/**
 * An order as the API shows it (api.md), with its refunds. {@code reason} and
 * {@code expiresAt} are extra: why an order was rejected or cancelled, and until when it
 * can be paid.
 */
record OrderView(String id, OrderStatus status, List<Item> items, long totalFen, String remark, String reason,
		Instant expiresAt, Instant createdAt, Instant updatedAt, List<Refund> refunds) {

	static OrderView of(Order order, List<Order.OrderLine> lines, List<RefundMapper.RefundRow> refunds) {
		return new OrderView(String.valueOf(order.id()), order.status(),
				lines.stream()
					.map((line) -> new Item(line.productId(), line.name(), line.priceFen(), line.quantity()))
					.toList(),
				order.totalFen(), order.remark(), order.reason(),
				(order.status() == OrderStatus.AWAITING_PAYMENT || order.status() == OrderStatus.PENDING)
						? order.expiresAt() : null,
				order.createdAt(), order.updatedAt(),
				refunds.stream()
					.map((refund) -> new Refund(refund.refundNo(), refund.amountFen(), refund.status()))
					.toList());
	}

	/**
	 * Whether an order in this status may have refunds: only a paid one, or one paid
	 * late.
	 */
	static boolean mayHaveRefunds(OrderStatus status) {
		return status == OrderStatus.PAID || status == OrderStatus.REFUNDING || status == OrderStatus.REFUNDED
				|| status == OrderStatus.CANCELLED;
	}

	/** A refund of the order, its status as WeChat Pay names it. */
	record Refund(String refundId, long amountFen, RefundStatus status) {
	}

	/** A line; name and price are empty until catalog has reserved the stock. */
	record Item(String productId, String name, long priceFen, int quantity) {
	}

	/** A page of a user's orders, newest first. */
	record Page(List<OrderView> items, String nextCursor) {
	}

}
