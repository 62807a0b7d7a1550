package io.minibase.auth;

import io.minibase.testsupport.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * auth-service's event schemas are its own (auth-service/events), and every event type
 * its code names has one: its own there, a consumed one from the producer's module.
 */
class EventContractTest {

	@Test
	void authServiceOwnsTheSchemasOfWhatItPublishesAndSeesThoseOfWhatItConsumes() {
		EventContracts.assertKept("auth");
	}

}
