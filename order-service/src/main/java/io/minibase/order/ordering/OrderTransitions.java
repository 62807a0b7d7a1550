package io.minibase.order.ordering;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The count of orders entering each status: {@code minibase.orders.transitions}, tagged
 * {@code status} with the {@link OrderStatus} name (Prometheus:
 * {@code minibase_orders_transitions_total{status}}, order-service/README.md), its name
 * and tag written only here.
 */
final class OrderTransitions {

	/** The metric's name. */
	static final String METRIC = "minibase.orders.transitions";

	/** Its one tag: the status entered. */
	static final String STATUS = "status";

	private OrderTransitions() {
	}

	/** One order entered this status. */
	static void count(MeterRegistry meters, OrderStatus status) {
		count(meters, status, 1);
	}

	/** So many orders entered this status at once (a sweep). */
	static void count(MeterRegistry meters, OrderStatus status, double orders) {
		meters.counter(METRIC, STATUS, status.name()).increment(orders);
	}

}
