package io.minibase.gateway.security;

import java.time.Clock;

import io.minibase.common.tokens.VerifiedTokenCache;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Verifies each access token's signature and claims once, not on every request: ES256
 * verification was over a quarter of the gateway's CPU per ordered item (JFR,
 * docs/sizing.md). The tokens that passed are kept until their {@code exp}
 * ({@link VerifiedTokenCache}, shared with the services). Revocation is still asked on
 * every protected request, by the access rules ({@link TokenRevocations}).
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder verifier;

	private final VerifiedTokenCache verified;

	VerifiedTokens(ReactiveJwtDecoder verifier, int size, Clock clock) {
		this.verifier = verifier;
		this.verified = new VerifiedTokenCache(size, clock);
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Jwt jwt = this.verified.get(token);
		if (jwt != null) {
			return Mono.just(jwt);
		}
		return this.verifier.decode(token).doOnNext((verified) -> this.verified.put(token, verified));
	}

}
