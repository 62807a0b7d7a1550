package io.minibase.common.security;

import io.minibase.common.tokens.AccessTokenClaims;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 */
@ConfigurationProperties("minibase.tokens")
public record TokenProperties(@DefaultValue("minibase-auth") String issuer, @DefaultValue("minibase") String audience,
		@DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") String jwkSetUri,
		@DefaultValue("4096") int verifiedCacheSize) {

	/**
	 * The times (within Spring Security's default skew), issuer and audience a token must
	 * have, as the gateway checks them.
	 */
	public AccessTokenClaims claims() {
		return new AccessTokenClaims(this.issuer, this.audience, AccessTokenClaims.DEFAULT_CLOCK_SKEW);
	}

}
