package io.minibase.common.security;

import java.net.URI;
import java.time.Clock;

import io.minibase.common.tokens.AuthServiceKeys;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The access-token decoder of a service: auth-service's keys from its JWKS, kept and
 * fetched again as {@link AuthServiceKeys} says, so a rotated key is picked up without a
 * restart. auth-service itself declares its own, over the keys it holds.
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@EnableConfigurationProperties(TokenProperties.class)
public class SecurityAutoConfiguration {

	/** A bean so that its background refresh stops with the context. */
	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	AuthServiceKeys authServiceKeys(TokenProperties tokens) {
		return AuthServiceKeys.fetchedFrom(URI.create(tokens.jwkSetUri()), tokens.keysMaxAge(), tokens.keysMinRefresh(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(AuthServiceKeys keys, TokenProperties tokens) {
		return ResourceServer.decoder(keys, tokens);
	}

}
