package io.minibase.order.payment;

/** A refund as the API shows it (api.md, Fulfilment). */
public record RefundView(String refundId, String orderId, long amountFen, RefundStatus status) {

	static RefundView of(RefundMapper.RefundRow refund) {
		return new RefundView(refund.refundNo(), String.valueOf(refund.orderId()), refund.amountFen(), refund.status());
	}

}
