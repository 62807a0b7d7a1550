package io.minibase.file;

import io.minibase.testsupport.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * file-service's event schemas are its own (file-service/events), and every event type
 * its code names has one: its own there, a consumed one from the producer's module.
 */
class EventContractTest {

	@Test
	void fileServiceOwnsTheSchemasOfWhatItPublishesAndSeesThoseOfWhatItConsumes() {
		EventContracts.assertKept("file");
	}

}
