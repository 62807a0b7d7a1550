package io.minibase.order.ordering;

import java.time.Instant;
import java.util.Set;

/**
 * An order as stored, and the moves it allows: each move says which status it leads to
 * from this one, or refuses with {@link OrderStateConflict} (409). The database applies a
 * move with {@code UPDATE ... WHERE status = <the status it was decided on>}, so that of
 * two concurrent moves (a cancel and an expiry, a shipment and a refund) only one wins;
 * the rules themselves live here. {@code reason} says why it was rejected (catalog's
 * reason) or cancelled ({@code USER} or {@code EXPIRED}).
 */
record Order(long id, long userId, OrderStatus status, String reason, long totalFen, String remark, Instant expiresAt,
		Instant paidAt, Instant shippedAt, String carrier, String trackingNo, Instant completedAt, Instant createdAt,
		Instant updatedAt) {

	/** Why an order was cancelled. */
	enum CancelReason {

		/** Its buyer cancelled it. */
		USER,
		/** It was not paid within the payment window. */
		EXPIRED

	}

	/**
	 * The one status catalog's answer (reserved or rejected) moves an order from. The
	 * saga applies a poll's answers without reading each order first: its conditional
	 * UPDATEs guard on this, so the rule stays here.
	 */
	static final OrderStatus AWAITING_STOCK = OrderStatus.PENDING;

	/** catalog reserved its stock: it awaits payment. */
	OrderStatus reserve() {
		return move("Only a pending order takes catalog's reservation.", OrderStatus.AWAITING_PAYMENT, AWAITING_STOCK);
	}

	/** catalog reserved nothing. */
	OrderStatus reject() {
		return move("Only a pending order can be rejected.", OrderStatus.REJECTED, AWAITING_STOCK);
	}

	/** Cancelled by its buyer, or expired unpaid: catalog returns its stock. */
	OrderStatus cancel() {
		return move("Only an order that is not yet paid, rejected or cancelled can be cancelled.",
				OrderStatus.CANCELLED, OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT);
	}

	/** Whether it can be paid: it awaits payment. */
	boolean payable() {
		return this.status == OrderStatus.AWAITING_PAYMENT;
	}

	/** WeChat Pay says it was paid. */
	OrderStatus pay() {
		return move("Only an order awaiting payment can be paid.", OrderStatus.PAID, OrderStatus.AWAITING_PAYMENT);
	}

	/** The shop handed it to a carrier. */
	OrderStatus ship() {
		return move("Only a paid order can be shipped.", OrderStatus.SHIPPED, OrderStatus.PAID);
	}

	/** Its buyer received it, or the confirmation window passed. */
	OrderStatus complete() {
		return move("Only a shipped order can be confirmed as received.", OrderStatus.COMPLETED, OrderStatus.SHIPPED);
	}

	/** A refund of all that is left of its payment was asked for. */
	OrderStatus refundWholly() {
		return move("Only a paid order can be refunded, and one refunded wholly has nothing left to refund.",
				OrderStatus.REFUNDING, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETED);
	}

	/**
	 * Its buyer asks for an after-sale (a return, a refund): only of an order paid for
	 * and not refunded wholly, which stays where it is until the shop decides.
	 */
	OrderStatus takeAfterSale() {
		return move("Only a paid, shipped or completed order takes an after-sale request.", this.status,
				OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETED);
	}

	/** Its whole payment went back to the buyer. */
	OrderStatus refunded() {
		if (!this.status.paidFor()) {
			throw new OrderStateConflict("Only a paid order can be refunded.", this.status);
		}
		return OrderStatus.REFUNDED;
	}

	/**
	 * A whole refund failed (closed, abnormal): back where the order was before it, paid,
	 * shipped or completed, and refundable again.
	 */
	OrderStatus refundFailed() {
		OrderStatus before = (this.completedAt != null) ? OrderStatus.COMPLETED
				: (this.shippedAt != null) ? OrderStatus.SHIPPED : OrderStatus.PAID;
		return move("Only an order being refunded can have its refund fail.", before, OrderStatus.REFUNDING);
	}

	/** The shipment, once shipped. */
	Shipment shipment() {
		return (this.shippedAt != null) ? new Shipment(this.carrier, this.trackingNo, this.shippedAt) : null;
	}

	private OrderStatus move(String refusal, OrderStatus to, OrderStatus... from) {
		if (!Set.of(from).contains(this.status)) {
			throw new OrderStateConflict(refusal, this.status);
		}
		return to;
	}

	/** Who carries the order, under which tracking number, since when. */
	record Shipment(String carrier, String trackingNo, Instant shippedAt) {
	}

	/**
	 * A line; name, price and specs (a JSON object) are catalog's, copied when the stock
	 * was reserved, and so is the product of a line placed by SKU and the SKU of a line
	 * placed by product.
	 */
	record OrderLine(long orderId, int lineNo, String productId, String skuId, String specs, String name, long priceFen,
			int quantity) {
	}

}
