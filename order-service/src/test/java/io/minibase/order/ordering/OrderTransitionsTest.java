package io.minibase.order.ordering;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTransitionsTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void ordersEnteringAStatusAreCountedUnderItsName() {
		OrderTransitions.count(this.meters, OrderStatus.PAID);
		OrderTransitions.count(this.meters, OrderStatus.CANCELLED, 3);
		OrderTransitions.count(this.meters, OrderStatus.PAID);

		// the name and tag dashboards and alerts read (minibase_orders_transitions_total)
		assertThat(this.meters.get("minibase.orders.transitions").tag("status", "PAID").counter().count()).isEqualTo(2);
		assertThat(this.meters.get("minibase.orders.transitions").tag("status", "CANCELLED").counter().count())
			.isEqualTo(3);
	}

}
