package io.minibase.gateway.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * How the gateway verifies access tokens: where auth-service publishes its keys, and the
 * issuer and audience a token must name (see auth-service/README.md).
 *
 * @param jwkSetUri auth-service's JWKS, fetched and cached by Nimbus
 * @param issuer the {@code iss} every token must carry
 * @param audience a value the {@code aud} of every token must contain
 * @param clockSkew how far the gateway's clock may be off auth-service's for {@code exp}
 * and {@code nbf}
 * @param verifiedCacheSize how many verified tokens the gateway keeps so as not to verify
 * them again ({@link VerifiedTokens}): one per user active within a token's lifetime,
 * about 2 KB each
 */
@ConfigurationProperties("gateway.token")
record TokenProperties(URI jwkSetUri, String issuer, String audience, Duration clockSkew, int verifiedCacheSize) {

	TokenProperties {
		Assert.notNull(jwkSetUri, "gateway.token.jwk-set-uri is required");
		Assert.hasText(issuer, "gateway.token.issuer is required");
		Assert.hasText(audience, "gateway.token.audience is required");
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative() && clockSkew.compareTo(Duration.ofMinutes(1)) <= 0,
				"gateway.token.clock-skew must be between 0 and 1m");
		Assert.isTrue(verifiedCacheSize > 0, "gateway.token.verified-cache-size must be at least 1");
	}

}
