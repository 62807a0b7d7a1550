package io.minibase.order.ordering;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Events order-service publishes on {@code order.orders.v1} (subject = order id); what it
 * reads from catalog is {@link IncomingStockEvents}. Schemas in common-events.
 */
final class OrderEvents {

	static final String TOPIC = "order.orders.v1";

	private OrderEvents() {
	}

	/** Placed: catalog reserves every line or none. */
	record OrderPlaced(String orderId, String userId, List<Line> items, Instant at) {

		static final String TYPE = "order.OrderPlaced.v1";

		/** A SKU, or a product that stands for its only SKU: one of the two. */
		@JsonInclude(JsonInclude.Include.NON_NULL)
		record Line(String productId, String skuId, int quantity) {
		}

	}

	/** Cancelled by its buyer: catalog returns its stock. */
	record OrderCancelled(String orderId, String userId, Instant at) {

		static final String TYPE = "order.OrderCancelled.v1";

	}

	/** Not paid in time: catalog returns its stock. */
	record OrderExpired(String orderId, String userId, Instant at) {

		static final String TYPE = "order.OrderExpired.v1";

	}

	/** Paid: catalog turns the reservation into a sale. */
	record OrderPaid(String orderId, String userId, long totalFen, String transactionId, Instant at) {

		static final String TYPE = "order.OrderPaid.v1";

	}

	/** The shop handed the order to a carrier. */
	record OrderShipped(String orderId, String userId, String carrier, String trackingNo, Instant at) {

		static final String TYPE = "order.OrderShipped.v1";

	}

	/**
	 * The buyer received the order ({@code by} BUYER), or did not say within the
	 * confirmation window ({@code by} TIMEOUT).
	 */
	record OrderCompleted(String orderId, String userId, CompletedBy by, Instant at) {

		static final String TYPE = "order.OrderCompleted.v1";

		/** Who completed the order. */
		enum CompletedBy {

			BUYER, TIMEOUT

		}

	}

	/** A refund of (part of) the order's payment was asked for. */
	record RefundRequested(String orderId, String userId, String refundId, long amountFen, String reason, Instant at) {

		static final String TYPE = "order.RefundRequested.v1";

	}

	/**
	 * The order's whole payment went back to the buyer; {@code shipped} false: before it
	 * left the shop, so catalog gives its units back.
	 */
	record OrderRefunded(String orderId, String userId, long refundedFen, boolean shipped, Instant at) {

		static final String TYPE = "order.OrderRefunded.v1";

	}

}
