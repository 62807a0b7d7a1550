package io.minibase.order.ordering;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.minibase.common.web.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}: {@code items}, or {@code fromCart: true} for the
 * cart's available items (one of the two, {@link OrderService} checks); {@code addressId}
 * (optional) is one of the buyer's addresses, copied into the order. {@code addressId}
 * and {@code fromCart} are left out of the canonical form when absent, so a body without
 * them hashes as it did before they existed (an Idempotency-Key retried across the
 * upgrade still finds its order).
 */
record PlaceOrder(@Size(max = 50) List<@Valid @NotNull Line> items, @Size(max = 200) String remark,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Pattern(regexp = Ids.PATTERN,
				message = "must be the id of one of your addresses") String addressId,
		@JsonInclude(JsonInclude.Include.NON_NULL) Boolean fromCart) {

	/** An order of these lines, without the cart. */
	PlaceOrder(List<Line> items, String remark, String addressId) {
		this(items, remark, addressId, null);
	}

	/**
	 * Refuses a body with neither lines nor {@code fromCart: true}, or with both.
	 * @throws InvalidOrder naming {@code items}
	 */
	void checkItemsOrCart() {
		boolean lines = this.items != null && !this.items.isEmpty();
		if (fromTheCart() == lines) {
			throw new InvalidOrder("items",
					lines ? "must be left out with fromCart: true" : "must not be empty (or send fromCart: true)");
		}
	}

	boolean fromTheCart() {
		return Boolean.TRUE.equals(this.fromCart);
	}

	/** The same order with these lines: those the cart gave. */
	PlaceOrder withItems(List<Line> lines) {
		return new PlaceOrder(lines, this.remark, this.addressId, this.fromCart);
	}

	/**
	 * A SKU, or a product that stands for its only SKU (catalog's ids, opaque here), and
	 * how many of it. Exactly one of the two ids ({@link OrderService} checks); each is
	 * left out of the canonical form when absent, so a line by product hashes as it did
	 * before SKUs existed.
	 */
	record Line(@JsonInclude(JsonInclude.Include.NON_NULL) @Pattern(regexp = ID) String productId,
			@NotNull @Min(1) @Max(999) Integer quantity,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Pattern(regexp = ID) String skuId) {

		/** A line of the product's only SKU. */
		Line(String productId, Integer quantity) {
			this(productId, quantity, null);
		}

		/** The key of what the line names, unique within an order. */
		String reference() {
			return (this.skuId != null) ? "sku:" + this.skuId : "product:" + this.productId;
		}

	}

	private static final String ID = "[A-Za-z0-9_-]{1,64}";

	String remarkOrEmpty() {
		return (this.remark != null) ? this.remark.strip() : "";
	}

}
