package io.minibase.catalog.product;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.AutomapConstructor;

/**
 * A product: a row of the {@code product} table with its SKUs. {@code priceFen} and
 * {@code stock} are the lowest SKU price and the sum of SKU stock, kept so by every
 * writer; {@code imageFileIds} is the JSON array of file-service ids as stored. Rows of
 * the public list carry no SKUs (the list shows only the product's own figures).
 */
record Product(long id, long categoryId, String name, String description, long priceFen, int stock,
		ProductStatus status, String imageFileIds, Instant createdAt, Instant updatedAt, long version, List<Sku> skus) {

	/** The row as MyBatis reads it, before its SKUs are read. */
	@AutomapConstructor
	Product(long id, long categoryId, String name, String description, long priceFen, int stock, ProductStatus status,
			String imageFileIds, Instant createdAt, Instant updatedAt, long version) {
		this(id, categoryId, name, description, priceFen, stock, status, imageFileIds, createdAt, updatedAt, version,
				List.of());
	}

	/**
	 * The product with its SKUs, its price and stock theirs: read after the row, outside
	 * its transaction, they may be a reservation newer than it, and the page then agrees
	 * with its SKUs (the reservation's eviction follows).
	 */
	Product withSkus(List<Sku> skus) {
		if (skus.isEmpty()) {
			return this;
		}
		return new Product(this.id, this.categoryId, this.name, this.description,
				skus.stream().mapToLong(Sku::priceFen).min().orElseThrow(), skus.stream().mapToInt(Sku::stock).sum(),
				this.status, this.imageFileIds, this.createdAt, this.updatedAt, this.version, List.copyOf(skus));
	}

}
