package io.minibase.catalog.product;

/** Whether a product is offered: public lists show only {@link #ON_SALE}. */
enum ProductStatus {

	ON_SALE, OFF_SHELF

}
