package io.minibase.catalog.product;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Event {@code catalog.ProductChanged.v1} on {@code catalog.products.v1}: a product was
 * created or changed; carries what order-service copies (name, price, status, and its
 * SKUs with their specifications, prices and stock).
 */
record ProductChanged(String id, String name, long priceFen, ProductStatus status, int stock, String categoryId,
		long version, List<ChangedSku> skus, Instant at) {

	static final String TOPIC = "catalog.products.v1";

	static final String TYPE = "catalog.ProductChanged.v1";

	static ProductChanged of(Product product) {
		return new ProductChanged(String.valueOf(product.id()), product.name(), product.priceFen(), product.status(),
				product.stock(), String.valueOf(product.categoryId()), product.version(),
				product.skus()
					.stream()
					.map((sku) -> new ChangedSku(String.valueOf(sku.id()), sku.specsMap(), sku.priceFen(), sku.stock()))
					.toList(),
				Instant.now());
	}

	/** A SKU of the product as it is now. */
	record ChangedSku(String id, Map<String, String> specs, long priceFen, int stock) {
	}

}
