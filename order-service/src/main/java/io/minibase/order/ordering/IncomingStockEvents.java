package io.minibase.order.ordering;

import java.util.List;
import java.util.Map;

/**
 * What order-service reads from catalog's answers on {@code catalog.stock.v1} (schemas
 * {@code catalog.Stock*.v1} in common-events), as {@link StockEventConsumer} takes them
 * in. catalog-service's own {@code StockEvents} are the published side of the same
 * schemas.
 */
final class IncomingStockEvents {

	static final String TOPIC = "catalog.stock.v1";

	private IncomingStockEvents() {
	}

	/** Catalog reserved every line at these names and prices. */
	record StockReserved(String orderId, List<Line> lines, long totalFen) {

		static final String TYPE = "catalog.StockReserved.v1";

		/**
		 * A SKU reserved, with its product and specs; {@code skuId} and {@code specs} are
		 * null in answers from before SKUs.
		 */
		record Line(String productId, String skuId, Map<String, String> specs, String name, long priceFen,
				int quantity) {
		}

	}

	/** Catalog reserved nothing, for this reason. */
	record StockRejected(String orderId, String reason, String productId, String skuId) {

		static final String TYPE = "catalog.StockRejected.v1";

	}

}
