package io.minibase.catalog.product;

/**
 * Whether a product is offered: public lists show only {@link #ON_SALE}, and only an
 * on-sale product is reserved or given a share code.
 */
public enum ProductStatus {

	ON_SALE, OFF_SHELF

}
