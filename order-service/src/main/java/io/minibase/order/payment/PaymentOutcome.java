package io.minibase.order.payment;

/** What a paid notification did. */
public enum PaymentOutcome {

	/** The order is paid now. */
	PAID("paid"),

	/** This payment was applied before: nothing changed. */
	DUPLICATE("duplicate"),

	/** The order was no longer payable (expired meanwhile): the money must go back. */
	REFUND_DUE("refund-due"),

	/** No such order has a payment here: nothing changed, the provider should retry. */
	UNKNOWN_ORDER("unknown-order"),

	/** The amount is not the order's total: nothing changed. */
	AMOUNT_MISMATCH("amount-mismatch");

	private final String tag;

	PaymentOutcome(String tag) {
		this.tag = tag;
	}

	/** The value of the metric tag {@code outcome}. */
	public String tag() {
		return this.tag;
	}

	/** Whether the provider may stop notifying: the payment is known here now. */
	public boolean settled() {
		return this == PAID || this == DUPLICATE || this == REFUND_DUE;
	}

}
