package io.minibase.catalog.product;

import java.util.List;
import java.util.Map;

import io.minibase.common.web.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of an admin create (POST) or full replace (PUT). {@code status} defaults to
 * ON_SALE on create and to the current status on replace. Either {@code skus} (one or
 * more, see {@link ProductSkus}) or {@code priceFen} and {@code stock}: a product of one
 * SKU without specifications, as before SKUs existed. With {@code skus}, the product's
 * {@code priceFen} and {@code stock} are theirs (lowest price, sum of stock) and any
 * given here are ignored.
 */
record ProductRequest(@NotBlank @Size(max = 128) String name, @Size(max = 4000) String description,
		@Positive @Max(ProductSkus.MAX_PRICE_FEN) Long priceFen,
		@PositiveOrZero @Max(ProductSkus.MAX_STOCK) Integer stock,
		@NotBlank @Pattern(regexp = Ids.PATTERN, message = "must be a category id") String categoryId,
		@Size(max = 20) List<@NotBlank @Size(max = 64) String> imageFileIds, ProductStatus status,
		@Size(min = 1, max = ProductSkus.MAX_SKUS) List<@Valid @NotNull SkuRequest> skus) {

	/**
	 * A SKU: {@code id} names one the product has (on replace; without it a SKU of equal
	 * specs keeps its id, any other is new); {@code specs} names to values, empty or left
	 * out for a product's only SKU.
	 */
	record SkuRequest(@Pattern(regexp = Ids.PATTERN, message = "must be a SKU id") String id, @Size(
			max = ProductSkus.MAX_SPECS) Map<@NotBlank @Size(max = 16) String, @NotBlank @Size(max = 40) String> specs,
			@NotNull @Positive @Max(ProductSkus.MAX_PRICE_FEN) Long priceFen,
			@NotNull @PositiveOrZero @Max(ProductSkus.MAX_STOCK) Integer stock) {

	}

}
