package io.minibase.catalog.sharecode;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the products' share codes ({@code catalog.share-code.*}).
 *
 * @param page the mini-program page a code opens, with the product id as its
 * {@code scene} (WeChat: no leading {@code /}, no query)
 * @param envVersion which version of the mini-program the code opens: {@code release},
 * {@code trial} or {@code develop}
 * @param checkPath whether WeChat checks that the page exists in the published version
 * (false to make codes for a page not released yet)
 * @param width the code's width in pixels (WeChat: 280 to 1280)
 * @param maxAge how long clients and proxies keep a code without asking again
 */
@Validated
@ConfigurationProperties("catalog.share-code")
record ShareCodeProperties(
		@DefaultValue("pages/product/detail") @NotBlank @Pattern(regexp = "[^/?][^?]*",
				message = "must not start with / nor hold a query") String page,
		@DefaultValue("release") @Pattern(regexp = "release|trial|develop") String envVersion,
		@DefaultValue("true") boolean checkPath, @DefaultValue("430") @Min(280) @Max(1280) int width,
		@DefaultValue("7d") @NotNull Duration maxAge) {
}
