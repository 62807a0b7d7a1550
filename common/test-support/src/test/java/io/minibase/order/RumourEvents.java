package io.minibase.order;

/**
 * Test fixture: an event type the "order service" consumes from a producer whose schemas
 * are not on its test class path.
 */
public class RumourEvents {

	static final String HEARD = "auth.RumourHeard.v1";

}
