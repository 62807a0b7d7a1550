package io.minibase.order.aftersale;

import java.time.Instant;
import java.util.List;

/**
 * An after-sale as the API shows it (api.md, Fulfilment): {@code id}, {@code orderId},
 * {@code status}, {@code reason}, {@code amountFen}, {@code imageFileIds}; and more:
 * whose it is ({@code buyerId}, for the admin's list), the shop's {@code rejectReason},
 * the {@code refundId} its approval started (its status is in the order's
 * {@code refunds}).
 */
record AfterSaleView(String id, String orderId, String buyerId, AfterSaleStatus status, String reason, long amountFen,
		List<String> imageFileIds, String rejectReason, String refundId, Instant createdAt, Instant updatedAt) {

	static AfterSaleView of(AfterSale afterSale) {
		return new AfterSaleView(String.valueOf(afterSale.id()), String.valueOf(afterSale.orderId()),
				String.valueOf(afterSale.userId()), afterSale.status(), afterSale.reason(), afterSale.amountFen(),
				afterSale.imageFileIds(), afterSale.rejectReason(), afterSale.refundId(), afterSale.createdAt(),
				afterSale.updatedAt());
	}

}
