package io.minibase.auth.token;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the access-token signing keys rotate ({@code auth.signing-keys.*}).
 *
 * @param rotateEvery how long one key signs
 * @param publishAhead how long a new key is in the JWKS before it signs: longer than any
 * verifier caches the JWKS
 * @param checkEvery how often each instance looks at the schedule and reloads the keys
 */
@Validated
@ConfigurationProperties("auth.signing-keys")
record SigningKeyProperties(@DefaultValue("30d") @NotNull Duration rotateEvery,
		@DefaultValue("10m") @NotNull Duration publishAhead, @DefaultValue("1m") @NotNull Duration checkEvery) {
}
