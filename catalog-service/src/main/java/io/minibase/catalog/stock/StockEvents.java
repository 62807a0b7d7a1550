package io.minibase.catalog.stock;

import java.time.Instant;
import java.util.List;

/** Events catalog publishes on {@code catalog.stock.v1}, subject = order id. */
final class StockEvents {

	static final String TOPIC = "catalog.stock.v1";

	private StockEvents() {
	}

	/** Every line reserved, at these names and unit prices. */
	record StockReserved(String orderId, List<Line> lines, long totalFen, Instant at) {

		static final String TYPE = "catalog.StockReserved.v1";

		record Line(String productId, String name, long priceFen, int quantity) {
		}

	}

	/** Nothing reserved; {@code productId} is the first line that could not be. */
	record StockRejected(String orderId, Reason reason, String productId, Instant at) {

		static final String TYPE = "catalog.StockRejected.v1";

		enum Reason {

			INSUFFICIENT_STOCK, PRODUCT_NOT_FOUND, PRODUCT_OFF_SHELF

		}

	}

	/** What a cancelled or expired order held went back to stock. */
	record StockReleased(String orderId, List<Line> lines, Instant at) {

		static final String TYPE = "catalog.StockReleased.v1";

		record Line(String productId, int quantity) {
		}

	}

}
