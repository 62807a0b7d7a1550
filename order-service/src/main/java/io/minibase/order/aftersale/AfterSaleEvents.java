package io.minibase.order.aftersale;

import java.time.Instant;
import java.util.List;

/**
 * Events of after-sales on {@code order.orders.v1}, with the order id as subject (and
 * key), so that an order's after-sales and refunds stay in order on one partition.
 * Schemas in common-events.
 */
final class AfterSaleEvents {

	static final String TOPIC = "order.orders.v1";

	private AfterSaleEvents() {
	}

	/** A buyer asked for an after-sale of a paid order; the shop decides. */
	record AfterSaleRequested(String afterSaleId, String orderId, String userId, long amountFen, String reason,
			List<String> imageFileIds, Instant at) {

		static final String TYPE = "order.AfterSaleRequested.v1";

	}

	/** The shop approved it: the refund {@code refundId} of {@code amountFen} started. */
	record AfterSaleApproved(String afterSaleId, String orderId, String userId, long amountFen, String refundId,
			Instant at) {

		static final String TYPE = "order.AfterSaleApproved.v1";

	}

	/** The shop rejected it, for {@code reason}. */
	record AfterSaleRejected(String afterSaleId, String orderId, String userId, String reason, Instant at) {

		static final String TYPE = "order.AfterSaleRejected.v1";

	}

}
