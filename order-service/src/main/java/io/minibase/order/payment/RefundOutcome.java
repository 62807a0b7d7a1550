package io.minibase.order.payment;

/** What a refund notification did. */
public enum RefundOutcome {

	/** The refund's result is recorded now. */
	APPLIED,

	/** Its result was recorded before: nothing changed. */
	DUPLICATE,

	/** No refund of ours has this number: nothing changed, the provider should retry. */
	UNKNOWN_REFUND,

	/** The amount is not the refund's: nothing changed. */
	AMOUNT_MISMATCH

}
