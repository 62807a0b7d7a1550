package io.minibase.catalog.product;

import java.util.List;
import java.util.Map;

import io.minibase.catalog.product.ProductRequest.SkuRequest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductSkusTest {

	private static final Map<String, String> RED_L = Map.of("颜色", "红", "尺码", "L");

	private static final Map<String, String> BLUE_L = Map.of("颜色", "蓝", "尺码", "L");

	@Test
	void aProductWrittenWithPriceAndStockOnlyIsOneSkuWithoutSpecs() {
		ProductSkus.Plan plan = ProductSkus.forCreate(request(1250L, 9, null));
		assertThat(plan.skus()).containsExactly(new ProductSkus.Write(null, Map.of(), 1250, 9));
		assertThat(plan.lowestPriceFen()).isEqualTo(1250);
		assertThat(plan.totalStock()).isEqualTo(9);
	}

	@Test
	void theProductsPriceIsItsLowestSkuPriceAndItsStockTheSum() {
		ProductSkus.Plan plan = ProductSkus
			.forCreate(request(null, null, List.of(sku(null, RED_L, 1500, 2), sku(null, BLUE_L, 1200, 5))));
		assertThat(plan.lowestPriceFen()).isEqualTo(1200);
		assertThat(plan.totalStock()).isEqualTo(7);
	}

	@Test
	void withoutSkusPriceAndStockAreRequiredAndNamed() {
		assertThatThrownBy(() -> ProductSkus.forCreate(request(null, null, null)))
			.satisfies((ex) -> assertThat(fields(ex)).containsExactly("priceFen", "stock"));
	}

	@Test
	void twoSkusWithTheSameSpecsOrDifferentSpecNamesAreRefusedNamingTheSku() {
		assertThatThrownBy(() -> ProductSkus.forCreate(request(null, null,
				List.of(sku(null, RED_L, 100, 1), sku(null, Map.of("尺码", "L", "颜色", "红"), 100, 1)))))
			.satisfies((ex) -> assertThat(fields(ex)).containsExactly("skus[1].specs"));
		assertThatThrownBy(() -> ProductSkus
			.forCreate(request(null, null, List.of(sku(null, RED_L, 100, 1), sku(null, Map.of("颜色", "蓝"), 100, 1)))))
			.satisfies((ex) -> assertThat(fields(ex)).containsExactly("skus[1].specs"));
		// spaces around a value do not make it another value
		assertThatThrownBy(() -> ProductSkus.forCreate(request(null, null,
				List.of(sku(null, Map.of("颜色", "红"), 100, 1), sku(null, Map.of("颜色", " 红 "), 100, 1)))))
			.satisfies((ex) -> assertThat(fields(ex)).containsExactly("skus[1].specs"));
	}

	@Test
	void aNewProductsSkusHaveNoIds() {
		assertThatThrownBy(() -> ProductSkus.forCreate(request(null, null, List.of(sku("5", RED_L, 100, 1)))))
			.satisfies((ex) -> assertThat(fields(ex)).containsExactly("skus[0].id"));
	}

	@Test
	void aReplaceKeepsSkusByIdOrBySpecsAddsNewOnesAndDeletesTheRest() {
		List<Sku> current = List.of(new Sku(11, 1, Sku.json(RED_L), 100, 1), new Sku(12, 1, Sku.json(BLUE_L), 100, 1),
				new Sku(13, 1, "{\"颜色\":\"绿\",\"尺码\":\"L\"}", 100, 1));
		ProductSkus.Plan plan = ProductSkus.forReplace(request(null, null, List.of(sku("12", RED_L, 300, 3),
				sku(null, BLUE_L, 200, 2), sku(null, Map.of("颜色", "白", "尺码", "L"), 100, 1))), current);
		assertThat(plan.skus()).extracting(ProductSkus.Write::id).containsExactly(12L, null, null);
		assertThat(plan.deleted()).containsExactly(11L, 13L);

		ProductSkus.Plan bySpecs = ProductSkus
			.forReplace(request(null, null, List.of(sku(null, BLUE_L, 200, 2), sku(null, RED_L, 300, 3))), current);
		assertThat(bySpecs.skus()).extracting(ProductSkus.Write::id).containsExactly(12L, 11L);
		assertThat(bySpecs.deleted()).containsExactly(13L);
	}

	@Test
	void aReplaceNamingAnotherProductsSkuIs422() {
		assertThatThrownBy(() -> ProductSkus.forReplace(request(null, null, List.of(sku("99", RED_L, 100, 1))),
				List.of(new Sku(11, 1, Sku.json(RED_L), 100, 1))))
			.satisfies((ex) -> {
				assertThat(((ErrorResponseException) ex).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
				assertThat(fields(ex)).containsExactly("skus[0].id");
			});
	}

	@Test
	void priceAndStockAloneReplaceTheOnlySkuKeepingItsIdButNotOneOfSeveral() {
		ProductSkus.Plan plan = ProductSkus.forReplace(request(500L, 4, null),
				List.of(new Sku(11, 1, Sku.json(Map.of("颜色", "红")), 100, 1)));
		assertThat(plan.skus()).containsExactly(new ProductSkus.Write(11L, Map.of("颜色", "红"), 500, 4));

		assertThatThrownBy(() -> ProductSkus.forReplace(request(500L, 4, null),
				List.of(new Sku(11, 1, Sku.json(RED_L), 100, 1), new Sku(12, 1, Sku.json(BLUE_L), 100, 1))))
			.satisfies((ex) -> assertThat(fields(ex)).containsExactly("skus"));
	}

	private static ProductRequest request(Long priceFen, Integer stock, List<SkuRequest> skus) {
		return new ProductRequest("T恤", "", priceFen, stock, "3", null, null, skus);
	}

	private static SkuRequest sku(String id, Map<String, String> specs, long priceFen, int stock) {
		return new SkuRequest(id, specs, priceFen, stock);
	}

	@SuppressWarnings("unchecked")
	private static List<String> fields(Throwable ex) {
		List<Map<String, String>> errors = (List<Map<String, String>>) ((ErrorResponseException) ex).getBody()
			.getProperties()
			.get("errors");
		return errors.stream().map((error) -> error.get("field")).toList();
	}

}
