package io.minibase.catalog.product;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What clients see of products: ids as strings, images as URLs. */
final class ProductViews {

	private ProductViews() {
	}

	/** An entry of the public list. */
	record ProductSummary(String id, String name, long priceFen, String coverUrl, int stock, ProductStatus status) {

	}

	/**
	 * The product page and the admin answers; {@code priceFen} is the lowest SKU price,
	 * {@code stock} the sum of the SKUs'.
	 */
	record ProductDetail(String id, String name, String description, long priceFen, int stock, String categoryId,
			List<String> imageUrls, ProductStatus status, Instant updatedAt, List<SkuView> skus) {

	}

	/** A SKU: its specifications (names to values, empty for a product's only SKU). */
	record SkuView(String id, Map<String, String> specs, long priceFen, int stock) {

	}

}
