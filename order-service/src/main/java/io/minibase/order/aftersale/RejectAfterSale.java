package io.minibase.order.aftersale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The shop's refusal of an after-sale, with the reason the buyer reads. */
record RejectAfterSale(@NotBlank @Size(max = 200) String reason) {
}
