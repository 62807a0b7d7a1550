package io.minibase.order.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings of order-service, under {@code order}. */
@Validated
@ConfigurationProperties("order")
public record OrderProperties(@NotNull Duration paymentWindow, @Valid @NotNull Expiry expiry,
		@Valid @NotNull Payment payment) {

	/** The sweep that cancels unpaid orders past their payment window. */
	public record Expiry(@NotNull Duration sweepInterval, @Min(1) int batchSize) {
	}

	/** Which payment provider confirms payments. */
	public record Payment(@NotBlank String provider, @NotNull Duration standInDelay) {
	}

}
