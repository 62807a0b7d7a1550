package io.minibase.order.payment;

/** A refund's state, as WeChat Pay names it (and api.md shows it). */
public enum RefundStatus {

	PROCESSING, SUCCESS, CLOSED, ABNORMAL;

	/** Whether the money went, or may still go, back: it counts against the payment. */
	public boolean counts() {
		return this == PROCESSING || this == SUCCESS;
	}

}
