package io.minibase.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Verifies each access token's signature and claims once, not on every request: a buyer's
 * app sends the same token for up to its 15 minutes, and ES256 verification was over a
 * quarter of the gateway's CPU per ordered item (JFR, docs/sizing.md). Revocation is
 * still asked on every protected request, by the access rules ({@link TokenRevocations}).
 * <p>
 * Only tokens that passed are kept, keyed by the whole token, each until its own
 * {@code exp} (then verified again, so expiry is decided as before), at most {@code size}
 * of them. A signing key retired from the JWKS stops verifying new tokens at once and the
 * tokens it signed at their expiry.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder verifier;

	private final Cache<String, Jwt> verified;

	VerifiedTokens(ReactiveJwtDecoder verifier, int size, Clock clock) {
		this.verifier = verifier;
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
	public Mono<Jwt> decode(String token) {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt != null) {
			return Mono.just(jwt);
		}
		return this.verifier.decode(token).doOnNext((verified) -> this.verified.put(token, verified));
	}

}
