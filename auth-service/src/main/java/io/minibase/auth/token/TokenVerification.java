package io.minibase.auth.token;

import java.util.List;

import io.minibase.auth.config.AuthProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * How auth-service verifies the access tokens it is shown: ES256 only (pinned, so
 * {@code alg: none} or any other algorithm is refused), a key from its own signing keys,
 * issuer and audience checked, expiry checked, and not revoked.
 */
@Configuration(proxyBeanMethods = false)
class TokenVerification {

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties, Tokens tokens) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.ES256).build();
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
				(aud) -> aud != null && aud.contains(properties.audience()));
		OAuth2TokenValidator<Jwt> notRevoked = (jwt) -> tokens.isRevoked(jwt)
				? OAuth2TokenValidatorResult
					.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token was revoked", null))
				: OAuth2TokenValidatorResult.success();
		decoder.setJwtValidator(JwtValidators
			.createDefaultWithValidators(List.of(new JwtIssuerValidator(properties.issuer()), audience, notRevoked)));
		return decoder;
	}

}
