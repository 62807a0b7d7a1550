package io.minibase.order.payment;

/** Where an order's payment stands at the provider, as its query answers. */
public sealed interface PaymentState {

	/** Paid: the same facts a paid notification carries. */
	record Paid(PaymentNotification notification) implements PaymentState {
	}

	/** Open: not paid (yet), still payable. */
	record Open() implements PaymentState {
	}

	/** Closed, or never opened there: nothing will be paid. */
	record Closed() implements PaymentState {
	}

}
