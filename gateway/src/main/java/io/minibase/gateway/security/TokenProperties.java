package io.minibase.gateway.security;

import java.net.URI;
import java.time.Duration;

import io.minibase.common.tokens.AccessTokenClaims;
import io.minibase.common.tokens.AuthServiceKeys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * How the gateway verifies access tokens: where auth-service publishes its keys, and the
 * issuer and audience a token must name (see auth-service/README.md).
 * <p>
 * Not common-security's {@code TokenProperties} ({@code minibase.tokens.*}): that module
 * is for MVC services and would bring the servlet stack here, and the gateway has its own
 * settings (its JWKS cache, its clock skew), all required. The part both share, what a
 * token's claims must say, is {@link #claims()}, checked the same way on both sides.
 *
 * @param jwkSetUri auth-service's JWKS, fetched and cached by Nimbus
 * ({@link AuthServiceKeys})
 * @param issuer the {@code iss} every token must carry
 * @param audience a value the {@code aud} of every token must contain
 * @param clockSkew how far the gateway's clock may be off auth-service's for {@code exp}
 * and {@code nbf}
 * @param verifiedCacheSize how many verified tokens the gateway keeps so as not to verify
 * them again ({@link VerifiedTokens}): one per user active within a token's lifetime,
 * about 2 KB each
 * @param keysMaxAge how long the JWKS is kept before it is fetched again, so that a key
 * auth-service retired stops verifying here
 * @param keysMinRefresh the time within which at most two JWKS fetches are made for key
 * ids the kept JWKS does not hold, so that made-up key ids cannot make the gateway hammer
 * auth-service
 */
@ConfigurationProperties("gateway.token")
record TokenProperties(URI jwkSetUri, String issuer, String audience, Duration clockSkew, int verifiedCacheSize,
		Duration keysMaxAge, Duration keysMinRefresh) {

	TokenProperties {
		Assert.notNull(jwkSetUri, "gateway.token.jwk-set-uri is required");
		Assert.hasText(issuer, "gateway.token.issuer is required");
		Assert.hasText(audience, "gateway.token.audience is required");
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative() && clockSkew.compareTo(Duration.ofMinutes(1)) <= 0,
				"gateway.token.clock-skew must be between 0 and 1m");
		Assert.isTrue(verifiedCacheSize > 0, "gateway.token.verified-cache-size must be at least 1");
		Assert.isTrue(keysMaxAge != null && keysMaxAge.isPositive(), "gateway.token.keys-max-age must be positive");
		Assert.isTrue(
				keysMinRefresh != null && !keysMinRefresh.isNegative() && keysMinRefresh.compareTo(keysMaxAge) < 0,
				"gateway.token.keys-min-refresh must not be negative and must be below keys-max-age");
	}

	/** The times, issuer and audience a token must have, as the services check them. */
	AccessTokenClaims claims() {
		return new AccessTokenClaims(this.issuer, this.audience, this.clockSkew);
	}

}
