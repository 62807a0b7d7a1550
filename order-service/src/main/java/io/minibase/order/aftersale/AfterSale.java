package io.minibase.order.aftersale;

import java.time.Instant;
import java.util.List;

/**
 * A buyer's after-sale request of a paid order, and the moves it allows: the shop
 * approves it (its refund of {@code amountFen} starts) or rejects it, each only while it
 * is REQUESTED, or refuses with {@link AfterSaleStateConflict} (409). The database writes
 * a move as {@code UPDATE ... WHERE status = 'REQUESTED'}, so of two admins deciding at
 * once only one wins; the rules live here.
 */
record AfterSale(long id, long orderId, long userId, AfterSaleStatus status, String reason, long amountFen,
		List<String> imageFileIds, String rejectReason, String refundId, Instant createdAt, Instant updatedAt) {

	/**
	 * What a new request refunds: {@code requestedFen}, or all that is left of the
	 * payment when absent; never more than is left.
	 * @throws AmountExceedsRefundable (409, naming {@code amountFen}) when more is asked
	 * than is left
	 */
	static long amountOf(Long requestedFen, long refundableFen) {
		long amount = (requestedFen != null) ? requestedFen : refundableFen;
		if (amount < 1 || amount > refundableFen) {
			throw new AmountExceedsRefundable(refundableFen);
		}
		return amount;
	}

	/** The shop agrees: the refund starts. */
	AfterSaleStatus approve() {
		return decide("Only a requested after-sale can be approved.", AfterSaleStatus.APPROVED);
	}

	/** The shop refuses, saying why. */
	AfterSaleStatus reject() {
		return decide("Only a requested after-sale can be rejected.", AfterSaleStatus.REJECTED);
	}

	/** Still waiting for the shop: no second request of its order is taken meanwhile. */
	boolean open() {
		return this.status == AfterSaleStatus.REQUESTED;
	}

	private AfterSaleStatus decide(String refusal, AfterSaleStatus to) {
		if (!open()) {
			throw new AfterSaleStateConflict(refusal, this.status);
		}
		return to;
	}

}
