package io.minibase.order;

import io.minibase.testsupport.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * order-service's event schemas are its own (order-service/events), and every event type
 * its code names has one: its own there, a consumed one from the producer's module.
 */
class EventContractTest {

	@Test
	void orderServiceOwnsTheSchemasOfWhatItPublishesAndSeesThoseOfWhatItConsumes() {
		EventContracts.assertKept("order");
	}

}
