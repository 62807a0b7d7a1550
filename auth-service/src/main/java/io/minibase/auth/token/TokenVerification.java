package io.minibase.auth.token;

import io.minibase.auth.config.AuthProperties;
import io.minibase.common.security.ResourceServer;
import io.minibase.common.security.TokenProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * How auth-service verifies the access tokens it is shown: the shared rules (RS256 and
 * ES256 pinned, issuer, audience, expiry) over its own signing keys, and not revoked.
 */
@Configuration(proxyBeanMethods = false)
class TokenVerification {

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties, Tokens tokens, TokenProperties shared) {
		OAuth2TokenValidator<Jwt> notRevoked = (jwt) -> tokens.isRevoked(jwt)
				? OAuth2TokenValidatorResult
					.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token was revoked", null))
				: OAuth2TokenValidatorResult.success();
		return ResourceServer.decoder(keys,
				TokenProperties.withoutFetching(properties.issuer(), properties.audience(), shared.verifiedCacheSize()),
				notRevoked);
	}

}
