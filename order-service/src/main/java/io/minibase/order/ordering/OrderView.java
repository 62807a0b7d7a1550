package io.minibase.order.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.minibase.order.address.ShippingAddress;
import io.minibase.order.catalog.CatalogSku;
import io.minibase.order.payment.RefundStatus;
import io.minibase.order.payment.RefundView;

/**
 * An order as the API shows it (api.md, Orders and Fulfilment), with the address it goes
 * to (null: placed without one), its shipment and refunds. {@code buyerId},
 * {@code reason} and {@code expiresAt} are extra: whose order it is (the admin's list
 * shows every buyer's), why it was rejected or cancelled, and until when it can be paid.
 */
record OrderView(String id, String buyerId, OrderStatus status, List<Item> items, long totalFen, String remark,
		String reason, Instant expiresAt, ShippingAddress address, Shipment shipment, List<Refund> refunds,
		Instant createdAt, Instant updatedAt) {

	static OrderView of(Order order, List<Order.OrderLine> lines, ShippingAddress address, List<RefundView> refunds) {
		Order.Shipment shipment = order.shipment();
		return new OrderView(String.valueOf(order.id()), String.valueOf(order.userId()), order.status(),
				lines.stream()
					.map((line) -> new Item(line.productId(), line.skuId(), CatalogSku.specsOf(line.specs()),
							line.name(), line.priceFen(), line.quantity()))
					.toList(),
				order.totalFen(), order.remark(), order.reason(), order.status().open() ? order.expiresAt() : null,
				address,
				(shipment != null) ? new Shipment(shipment.carrier(), shipment.trackingNo(), shipment.shippedAt())
						: null,
				refunds.stream()
					.map((refund) -> new Refund(refund.refundId(), refund.amountFen(), refund.status()))
					.toList(),
				order.createdAt(), order.updatedAt());
	}

	/** A refund of the order, its status as WeChat Pay names it. */
	record Refund(String refundId, long amountFen, RefundStatus status) {
	}

	/** Who carries the order; null until it is shipped. */
	record Shipment(String carrier, String trackingNo, Instant shippedAt) {
	}

	/**
	 * A line; name, price and specs are empty until catalog has reserved the stock, and
	 * so is the product of a line placed by SKU ({@code skuId} is null on lines from
	 * before SKUs).
	 */
	record Item(String productId, String skuId, Map<String, String> specs, String name, long priceFen, int quantity) {
	}

}
