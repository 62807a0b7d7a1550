package io.minibase.common.security;

import java.time.Clock;

import io.minibase.common.tokens.VerifiedTokenCache;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies each access token's signature and fixed claims once, not on every request: an
 * ES256 verification was a tenth of order-service's CPU per order (JFR, docs/sizing.md).
 * The tokens that passed are kept until their {@code exp} ({@link VerifiedTokenCache},
 * shared with the gateway), as when a gateway verified them just before a key was
 * retired. What can change while a token lives (revocation) is checked on every call,
 * after the cache.
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder verifier;

	private final OAuth2TokenValidator<Jwt> everyTime;

	private final VerifiedTokenCache verified;

	/**
	 * @param verifier verifies signature, issuer, audience and times
	 * @param everyTime what is checked on every decode, cached or not
	 * @param size how many verified tokens are kept at most
	 */
	VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> everyTime, int size, Clock clock) {
		this.verifier = verifier;
		this.everyTime = everyTime;
		this.verified = new VerifiedTokenCache(size, clock);
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.get(token);
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
