package io.minibase.catalog;

import io.minibase.testsupport.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * catalog-service's event schemas are its own (catalog-service/events), and every event
 * type its code names has one: its own there, a consumed one from the producer's module.
 */
class EventContractTest {

	@Test
	void catalogServiceOwnsTheSchemasOfWhatItPublishesAndSeesThoseOfWhatItConsumes() {
		EventContracts.assertKept("catalog");
	}

}
