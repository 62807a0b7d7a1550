package io.minibase.order.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An admin's refund of an order: {@code amountFen} of it, or all that is left when
 * absent; {@code reason} goes to WeChat Pay and the buyer's refund notice.
 */
public record RefundOrder(@Positive Long amountFen, @NotBlank @Size(max = 80) String reason) {
}
