package io.minibase.order.cart;

import java.util.List;
import java.util.Map;

/**
 * The cart as api.md shows it: today's names and prices, and whether each item can be
 * ordered now; {@code totalFen} adds the available items.
 */
record CartView(List<Item> items, long totalFen) {

	/**
	 * An item; {@code productId}, {@code name} and {@code specs} are null and
	 * {@code priceFen} 0 for a SKU catalog no longer has.
	 */
	record Item(String skuId, String productId, String name, Map<String, String> specs, long priceFen, int quantity,
			boolean available) {
	}

}
