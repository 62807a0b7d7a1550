package io.minibase.common.security;

import java.time.Duration;

import io.minibase.common.tokens.AccessTokenClaims;
import io.minibase.common.tokens.AuthServiceKeys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * What a service checks on an access token ({@code minibase.tokens.*}; the shared service
 * defaults fill them from {@code AUTH_ISSUER} and {@code AUTH_SERVICE_URL}).
 * <p>
 * Not shared with the gateway, which cannot depend on this MVC module and binds its own
 * {@code gateway.token.*} (with its JWKS cache and clock skew, all required). The part
 * both share, what a token's claims must say, is {@link #claims()}, checked the same way
 * on both sides.
 *
 * @param issuer the {@code iss} auth-service writes
 * @param audience the {@code aud} every service expects
 * @param jwkSetUri where auth-service publishes its public keys
 * @param verifiedCacheSize how many verified tokens a service keeps so as not to verify
 * them again ({@link VerifiedTokens}): one per user active within a token's lifetime,
 * about 2 KB each
 * @param keysMaxAge how long auth-service's JWKS is kept before it is fetched again, so
 * that a key it retired stops verifying here; below auth-service's publish-ahead, so a
 * new key is known before it signs ({@link AuthServiceKeys})
 * @param keysMinRefresh the time within which at most two JWKS fetches are made for key
 * ids the kept JWKS does not hold, so that made-up key ids cannot make a service hammer
 * auth-service
 */
@ConfigurationProperties("minibase.tokens")
public record TokenProperties(@DefaultValue("minibase-auth") String issuer, @DefaultValue("minibase") String audience,
		@DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") String jwkSetUri,
		@DefaultValue("4096") int verifiedCacheSize, @DefaultValue("5m") Duration keysMaxAge,
		@DefaultValue("10s") Duration keysMinRefresh) {

	public TokenProperties {
		Assert.isTrue(keysMaxAge != null && keysMaxAge.isPositive(), "minibase.tokens.keys-max-age must be positive");
		Assert.isTrue(
				keysMinRefresh != null && !keysMinRefresh.isNegative() && keysMinRefresh.compareTo(keysMaxAge) < 0,
				"minibase.tokens.keys-min-refresh must not be negative and must be below keys-max-age");
	}

	/**
	 * What a verifier checks that does not fetch keys (auth-service, tests). A factory,
	 * not a second constructor: with two, Spring Boot would not know which one binds.
	 */
	public static TokenProperties withoutFetching(String issuer, String audience, int verifiedCacheSize) {
		return new TokenProperties(issuer, audience, "", verifiedCacheSize, Duration.ofMinutes(5),
				Duration.ofSeconds(10));
	}

	/**
	 * The times (within Spring Security's default skew), issuer and audience a token must
	 * have, as the gateway checks them.
	 */
	public AccessTokenClaims claims() {
		return new AccessTokenClaims(this.issuer, this.audience, AccessTokenClaims.DEFAULT_CLOCK_SKEW);
	}

}
