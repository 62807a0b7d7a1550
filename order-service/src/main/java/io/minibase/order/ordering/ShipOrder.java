package io.minibase.order.ordering;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/admin/orders/{id}/ship}: the carrier (a name or code, as
 * the buyer reads it) and its tracking number (letters, digits and dashes, as carriers
 * issue them).
 */
record ShipOrder(@NotBlank @Size(max = 32) String carrier, @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,64}",
		message = "must be 1 to 64 letters, digits or dashes") String trackingNo) {
}
