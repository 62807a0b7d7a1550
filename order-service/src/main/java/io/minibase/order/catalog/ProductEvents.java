package io.minibase.order.catalog;

import java.util.List;
import java.util.Map;

/**
 * What order-service reads from catalog's {@code catalog.products.v1} (schema
 * {@code catalog.ProductChanged.v1} in common-events); fields it does not need are
 * ignored.
 */
final class ProductEvents {

	static final String TOPIC = "catalog.products.v1";

	private ProductEvents() {
	}

	/**
	 * A product as it is now, with its SKUs; {@code skus} is null in events from before
	 * SKUs.
	 */
	record ProductChanged(String id, String name, String status, long version, List<ChangedSku> skus) {

		static final String TYPE = "catalog.ProductChanged.v1";

		record ChangedSku(String id, Map<String, String> specs, long priceFen) {
		}

	}

}
