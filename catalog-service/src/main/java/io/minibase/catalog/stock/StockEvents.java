package io.minibase.catalog.stock;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Events catalog publishes on {@code catalog.stock.v1}, subject = order id. */
final class StockEvents {

	static final String TOPIC = "catalog.stock.v1";

	private StockEvents() {
	}

	/** Every line reserved, at these names and unit prices. */
	record StockReserved(String orderId, List<Line> lines, long totalFen, Instant at) {

		static final String TYPE = "catalog.StockReserved.v1";

		/** A SKU reserved: its product's name, its specifications and unit price. */
		record Line(String productId, String skuId, Map<String, String> specs, String name, long priceFen,
				int quantity) {
		}

	}

	/**
	 * Nothing reserved; {@code productId} and {@code skuId} name the first line that
	 * could not be (either may be null: an unknown SKU has no product, a product named
	 * without a SKU may have several).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record StockRejected(String orderId, Reason reason, String productId, String skuId, Instant at) {

		static final String TYPE = "catalog.StockRejected.v1";

		enum Reason {

			INSUFFICIENT_STOCK, PRODUCT_NOT_FOUND, PRODUCT_OFF_SHELF,
			/** The order named a product that has several SKUs, not one of them. */
			SKU_REQUIRED

		}

	}

	/** What a cancelled or expired order held went back to stock. */
	record StockReleased(String orderId, List<Line> lines, Instant at) {

		static final String TYPE = "catalog.StockReleased.v1";

		record Line(String productId, String skuId, int quantity) {
		}

	}

}
