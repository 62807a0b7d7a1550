package io.minibase.catalog.product;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of an admin create (POST) or full replace (PUT). {@code status} defaults to
 * ON_SALE on create and to the current status on replace.
 */
record ProductRequest(@NotBlank @Size(max = 128) String name, @Size(max = 4000) String description,
		@NotNull @Positive Long priceFen, @NotNull @PositiveOrZero Integer stock,
		@NotBlank @Pattern(regexp = "[1-9][0-9]{0,17}", message = "must be a category id") String categoryId,
		@Size(max = 20) List<@NotBlank @Size(max = 64) String> imageFileIds, ProductStatus status) {

}
