package io.minibase.catalog.stock;

import java.time.Instant;
import java.util.List;

import io.minibase.catalog.product.ProductStatus;
import io.minibase.catalog.product.ProductStockMapper.ProductState;
import io.minibase.catalog.product.Sku;
import io.minibase.catalog.stock.IncomingOrderEvents.OrderPlaced;
import io.minibase.catalog.stock.IncomingOrderEvents.OrderPlaced.Line;
import io.minibase.catalog.stock.StockEvents.StockRejected.Reason;
import io.minibase.catalog.stock.StockLedger.Rejected;
import io.minibase.catalog.stock.StockLedger.Reserved;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run of orders takes from one locked stock, one after another, all or nothing each.
 */
class StockLedgerTest {

	private static final ProductState TEA = new ProductState(1, "Tea", 100, ProductStatus.ON_SALE, 5);

	private static final Sku TEA_ONLY = new Sku(11, 1, "{}", 100, 5);

	private static final ProductState SHIRT = new ProductState(2, "Shirt", 1000, ProductStatus.ON_SALE, 3);

	private static final Sku RED = new Sku(21, 2, "{\"颜色\":\"红\"}", 1000, 2);

	private static final Sku BLUE = new Sku(22, 2, "{\"颜色\":\"蓝\"}", 1200, 1);

	private static final ProductState OFF = new ProductState(3, "Off", 100, ProductStatus.OFF_SHELF, 9);

	private static final Sku OFF_ONLY = new Sku(31, 3, "{}", 100, 9);

	private final StockLedger ledger = new StockLedger(List.of(TEA, SHIRT, OFF),
			List.of(TEA_ONLY, RED, BLUE, OFF_ONLY));

	@Test
	void ordersTakeOneAfterAnotherAndWhatOneTookTheNextCannotHave() {
		assertThat(this.ledger.take(order(product(1, 3)))).isInstanceOf(Reserved.class);
		assertThat(this.ledger.take(order(product(1, 3))))
			.isEqualTo(new Rejected(Reason.INSUFFICIENT_STOCK, "1", "11"));
		assertThat(this.ledger.take(order(product(1, 2)))).isInstanceOf(Reserved.class);

		assertThat(this.ledger.takenByProduct()).containsExactly(org.assertj.core.api.Assertions.entry(1L, 5));
		assertThat(this.ledger.takenBySku()).containsExactly(org.assertj.core.api.Assertions.entry(11L, 5));
		assertThat(this.ledger.emptyProducts()).containsExactly(1L);
	}

	@Test
	void anOrderGetsAllItsLinesOrNoneOfThem() {
		// tea is there, the second blue shirt is not: nothing is taken
		assertThat(this.ledger.take(order(product(1, 1), sku(22, 2))))
			.isEqualTo(new Rejected(Reason.INSUFFICIENT_STOCK, "2", "22"));
		assertThat(this.ledger.takenByProduct()).isEmpty();

		Reserved reserved = (Reserved) this.ledger.take(order(sku(22, 1), sku(21, 2), product(1, 1)));
		assertThat(reserved.totalFen()).isEqualTo(100 + 2 * 1000 + 1200);
		// product by product, each product's SKUs in id order, at the SKU's price
		assertThat(reserved.lines()).extracting(StockEvents.StockReserved.Line::skuId)
			.containsExactly("11", "21", "22");
		assertThat(reserved.lines().get(1).specs()).containsEntry("颜色", "红");
		assertThat(reserved.lines().get(2).name()).isEqualTo("Shirt");
		assertThat(this.ledger.emptySkus()).containsExactly(21L, 22L);
		assertThat(this.ledger.emptyProducts()).containsExactly(2L);
	}

	@Test
	void aProductAndItsOnlySkuAreOneLineOfTheirSummedUnits() {
		Reserved reserved = (Reserved) this.ledger.take(order(product(1, 2), sku(11, 1)));
		assertThat(reserved.lines()).hasSize(1);
		assertThat(reserved.lines().getFirst().quantity()).isEqualTo(3);
	}

	@Test
	void everyRefusalSaysWhyAndWhichLine() {
		assertThat(this.ledger.take(order(product(2, 1)))).isEqualTo(new Rejected(Reason.SKU_REQUIRED, "2", null));
		assertThat(this.ledger.take(order(product(3, 1)))).isEqualTo(new Rejected(Reason.PRODUCT_OFF_SHELF, "3", "31"));
		assertThat(this.ledger.take(order(product(9, 1)))).isEqualTo(new Rejected(Reason.PRODUCT_NOT_FOUND, "9", null));
		assertThat(this.ledger.take(order(sku(99, 1)))).isEqualTo(new Rejected(Reason.PRODUCT_NOT_FOUND, null, "99"));
		assertThat(this.ledger.take(order(new Line("not-an-id", null, 1))))
			.isEqualTo(new Rejected(Reason.PRODUCT_NOT_FOUND, "not-an-id", null));
		assertThat(this.ledger.takenByProduct()).isEmpty();
	}

	@Test
	void aProductOfTwoSkusIsShortWhenTheirSumIs() {
		// three units of the shirt are left (two red, one blue): red 2 + blue 1 fits
		// exactly
		assertThat(this.ledger.take(order(sku(21, 2), sku(22, 1)))).isInstanceOf(Reserved.class);
		assertThat(this.ledger.take(order(sku(21, 1)))).isEqualTo(new Rejected(Reason.INSUFFICIENT_STOCK, "2", "21"));
	}

	@Test
	void theProductsAndSkusAnOrderNamesAreWhatTheRunLocks() {
		OrderPlaced order = order(product(1, 1), sku(22, 1), sku(99, 1), new Line("x", null, 1));
		assertThat(StockLedger.skusNamedBy(order)).containsExactly(22L, 99L);
		assertThat(StockLedger.productsNamedBy(order, java.util.Map.of(22L, 2L))).containsExactly(1L, 2L);
	}

	private static OrderPlaced order(Line... lines) {
		return new OrderPlaced("o-1", "7", List.of(lines), Instant.now());
	}

	private static Line product(long id, int quantity) {
		return Line.ofProduct(String.valueOf(id), quantity);
	}

	private static Line sku(long id, int quantity) {
		return Line.ofSku(String.valueOf(id), quantity);
	}

}
