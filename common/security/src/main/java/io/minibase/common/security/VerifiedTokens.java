package io.minibase.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies each access token's signature and fixed claims once, not on every request: a
 * buyer's app sends the same token for up to its 15 minutes, and an ES256 verification
 * was a tenth of order-service's CPU per order (JFR, docs/sizing.md). What can change
 * while a token lives (revocation) is checked on every call, after the cache.
 * <p>
 * Only tokens that passed are kept, keyed by the whole token, each until its own
 * {@code exp} (after which it is verified again, so expiry is decided as before), at most
 * {@code size} of them. A signing key retired from the JWKS stops verifying new tokens at
 * once and the tokens it signed at their expiry, as when a gateway verified them just
 * before the retirement.
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder verifier;

	private final OAuth2TokenValidator<Jwt> everyTime;

	private final Cache<String, Jwt> verified;

	/**
	 * @param verifier verifies signature, issuer, audience and times
	 * @param everyTime what is checked on every decode, cached or not
	 * @param size how many verified tokens are kept at most
	 */
	VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> everyTime, int size, Clock clock) {
		this.verifier = verifier;
		this.everyTime = everyTime;
		this.verified = Caffeine.newBuilder()
			.maximumSize(size)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt, clock)))
			.executor(Runnable::run)
			.build();
	}

	private static Duration untilExpiry(Jwt jwt, Clock clock) {
		Instant expires = jwt.getExpiresAt();
		return (expires != null) ? Duration.between(clock.instant(), expires) : Duration.ZERO;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt == null) {
			jwt = this.verifier.decode(token);
			this.verified.put(token, jwt);
		}
		OAuth2TokenValidatorResult result = this.everyTime.validate(jwt);
		if (result.hasErrors()) {
			throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
		}
		return jwt;
	}

}
