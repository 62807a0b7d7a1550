package io.minibase.order;

/**
 * Test fixture: the event types an "order service" names, one it publishes and one it
 * consumes from the "catalog service".
 */
public class BasketEvents {

	static final String FILLED = "order.BasketFilled.v1";

	static final String SHELF_STOCKED = "catalog.ShelfStocked.v1";

	static final String TOPIC = "order.baskets.v1";

}
