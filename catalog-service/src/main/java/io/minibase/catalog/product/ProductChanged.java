package io.minibase.catalog.product;

import java.time.Instant;

/**
 * Event {@code catalog.ProductChanged.v1} on {@code catalog.products.v1}: a product was
 * created or changed; carries what order-service copies (name, price, status).
 */
record ProductChanged(String id, String name, long priceFen, ProductStatus status, int stock, String categoryId,
		long version, Instant at) {

	static final String TOPIC = "catalog.products.v1";

	static final String TYPE = "catalog.ProductChanged.v1";

}
