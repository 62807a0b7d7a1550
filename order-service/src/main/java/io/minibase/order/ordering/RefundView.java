package io.minibase.order.ordering;

import io.minibase.order.payment.RefundStatus;

/** A refund as the API shows it (api.md, Fulfilment). */
record RefundView(String refundId, String orderId, long amountFen, RefundStatus status) {

	static RefundView of(RefundMapper.RefundRow refund) {
		return new RefundView(refund.refundNo(), String.valueOf(refund.orderId()), refund.amountFen(), refund.status());
	}

}
