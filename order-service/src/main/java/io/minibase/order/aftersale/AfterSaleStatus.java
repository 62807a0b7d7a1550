package io.minibase.order.aftersale;

/**
 * Where an after-sale stands: REQUESTED by the buyer, then APPROVED by the shop (its
 * refund starts) or REJECTED (with the shop's reason). The moves are {@link AfterSale}'s.
 */
enum AfterSaleStatus {

	REQUESTED, APPROVED, REJECTED

}
