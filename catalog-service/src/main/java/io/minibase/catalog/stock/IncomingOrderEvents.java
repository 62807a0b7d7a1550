package io.minibase.catalog.stock;

import java.time.Instant;
import java.util.List;

/**
 * What catalog reads from order-service's events on {@code order.orders.v1} (schemas
 * {@code order.Order*.v1} in common-events), as {@link OrderEventConsumer} takes them in;
 * fields it does not need are ignored. order-service's own {@code OrderEvents} are the
 * published side of the same schemas.
 */
final class IncomingOrderEvents {

	static final String TOPIC = "order.orders.v1";

	static final String PLACED = "order.OrderPlaced.v1";

	static final String CANCELLED = "order.OrderCancelled.v1";

	static final String EXPIRED = "order.OrderExpired.v1";

	static final String PAID = "order.OrderPaid.v1";

	static final String REFUNDED = "order.OrderRefunded.v1";

	private IncomingOrderEvents() {
	}

	/** An order waiting for its stock. */
	record OrderPlaced(String orderId, String userId, List<Line> items, Instant at) {

		/**
		 * A SKU ({@code skuId}), or a product ({@code productId}) that stands for its
		 * only SKU; events from before SKUs name products only.
		 */
		record Line(String productId, String skuId, int quantity) {

			static Line ofProduct(String productId, int quantity) {
				return new Line(productId, null, quantity);
			}

			static Line ofSku(String skuId, int quantity) {
				return new Line(null, skuId, quantity);
			}

		}

	}

	/** OrderCancelled, OrderExpired and OrderPaid: catalog needs only the order id. */
	record OrderClosed(String orderId) {
	}

	/**
	 * The whole payment went back; {@code shipped} false: before the order left the shop,
	 * so its sold units are on the shelf again. Null in events from before the field:
	 * nothing is given back, as before.
	 */
	record OrderRefunded(String orderId, Boolean shipped) {

		boolean refundedBeforeShipping() {
			return Boolean.FALSE.equals(this.shipped);
		}

	}

}
