package io.minibase.catalog.product;

import java.time.Instant;

/**
 * A row of the {@code product} table; {@code imageFileIds} is the JSON array of
 * file-service ids as stored.
 */
record Product(long id, long categoryId, String name, String description, long priceFen, int stock,
		ProductStatus status, String imageFileIds, Instant createdAt, Instant updatedAt, long version) {

}
