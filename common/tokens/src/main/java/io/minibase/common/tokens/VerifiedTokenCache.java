package io.minibase.common.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Access tokens that passed verification, so that each is verified once, not on every
 * request: a buyer's app sends the same token for up to its 15 minutes, and an RS256 or
 * ES256 verification is a large part of a request's CPU (JFR, docs/sizing.md). The
 * gateway's and common-security's {@code VerifiedTokens} keep them here; they differ only
 * in how they call their verifier (reactive or not).
 * <p>
 * Only tokens that passed are kept, keyed by the whole token, each until its own
 * {@code exp} (after which it is verified again, so expiry is decided as before), at most
 * {@code size} of them. A signing key retired from the JWKS stops verifying new tokens at
 * once and the tokens it signed at their expiry.
 */
public final class VerifiedTokenCache {

	private final Cache<String, Jwt> verified;

	private final Clock clock;

	/**
	 * @param size how many verified tokens are kept at most
	 * @param clock what their {@code exp} is compared with
	 */
	public VerifiedTokenCache(int size, Clock clock) {
		this.verified = Caffeine.newBuilder()
			.maximumSize(size)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt, clock)))
			.executor(Runnable::run)
			.build();
		this.clock = clock;
	}

	private static Duration untilExpiry(Jwt jwt, Clock clock) {
		Instant expires = jwt.getExpiresAt();
		return (expires != null) ? Duration.between(clock.instant(), expires) : Duration.ZERO;
	}

	/**
	 * The token as verified before, or {@code null} when it is not kept (any more) or its
	 * {@code exp} has passed by the clock (Caffeine evicts by its own ticker, the same
	 * time but for a test's clock).
	 */
	public Jwt get(String token) {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt != null && !untilExpiry(jwt, this.clock).isPositive()) {
			this.verified.invalidate(token);
			return null;
		}
		return jwt;
	}

	/** Keeps a token that passed verification, until its {@code exp}. */
	public void put(String token, Jwt verified) {
		this.verified.put(token, verified);
	}

}
