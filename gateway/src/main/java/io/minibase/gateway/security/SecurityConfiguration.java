package io.minibase.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import io.minibase.common.tokens.AccessTokenClaims;
import io.minibase.common.tokens.AuthServiceKeys;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ResponseStatusException;

/**
 * How the gateway verifies a bearer token, and where one is needed ({@link AccessRules}).
 * The services verify the token again themselves; the gateway passes the Authorization
 * header on unchanged and adds no identity header of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class SecurityConfiguration {

	static final String ROLES_CLAIM = "roles";

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			ReactiveStringRedisTemplate redis) {
		TokenRevocations revocations = new TokenRevocations(redis);
		ReactiveAuthorizationManager<AuthorizationContext> user = revocations
			.notRevokedAnd((authentication, context) -> Mono.just(new AuthorizationDecision(true)));
		ReactiveAuthorizationManager<AuthorizationContext> admin = revocations
			.notRevokedAnd(AuthorityReactiveAuthorizationManager.hasRole("ADMIN"));
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName(ROLES_CLAIM);
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(roles);
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().access(new AccessRules(user, admin)))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtDecoder(decoder)
					.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(authentication)))
				.authenticationEntryPoint((exchange, ex) -> Mono.error(Unauthenticated.invalidToken()))
				.accessDeniedHandler((exchange, ex) -> Mono.error(new Forbidden())))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((exchange, ex) -> Mono.error(Unauthenticated.noToken()))
				.accessDeniedHandler((exchange, ex) -> Mono.error(new Forbidden())))
			// a token API: no sessions, no cookies, so no CSRF and no saved requests
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			// the services decide how their answers are cached (images for a year)
			.headers((headers) -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
			.build();
	}

	/**
	 * auth-service's keys, as the services keep them too ({@link AuthServiceKeys}:
	 * Nimbus's cache, fetched again after {@code keys-max-age} so a retired key stops
	 * verifying, at once for a {@code kid} it does not know so a new key verifies the
	 * moment it is published, at most twice per {@code keys-min-refresh}). A bean so that
	 * its background refresh stops with the context.
	 */
	@Bean
	AuthServiceKeys authServiceKeys(TokenProperties properties) {
		return AuthServiceKeys.fetchedFrom(properties.jwkSetUri(), properties.keysMaxAge(), properties.keysMinRefresh(),
				Clock.systemUTC());
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(TokenProperties properties, AuthServiceKeys keys) {
		return decoder(properties, keys, Clock.systemUTC());
	}

	/**
	 * RS256, and ES256 for keys made before RS256 (ADR 15), and nothing else (so
	 * {@code alg: none}, HS256 and every other algorithm are refused), a key from
	 * {@code keys}, issuer, audience and expiry checked, once per token
	 * ({@link VerifiedTokens}). Whether it was revoked is asked on every request by the
	 * protected routes' access rules ({@link TokenRevocations}).
	 * <p>
	 * Nimbus's key sources block (a JWKS fetch is an HTTP call of its own, a few times an
	 * hour); the keys are asked for on the bounded-elastic scheduler, never on an event
	 * loop. Only a token not verified before asks ({@link VerifiedTokens}). Spring
	 * Security's reactive JWKS source is not used: it keeps the keys until a token names
	 * a kid it does not know, so a retired key would verify until the next rotation and
	 * every made-up kid would be a fetch.
	 */
	static ReactiveJwtDecoder decoder(TokenProperties properties, JWKSource<SecurityContext> keys, Clock clock) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
			.withJwkSource((jwt) -> Mono
				.fromCallable(() -> keys.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMapIterable(Function.identity()))
			// this builder takes one algorithm: both, as the JWKS-URI builder did
			.jwtProcessorCustomizer((processor) -> processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
					Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), new JWKSecurityContextJWKSet())))
			.build();
		decoder.setJwtValidator(validator(properties, clock));
		return new VerifiedTokens(decoder, properties.verifiedCacheSize(), clock);
	}

	/**
	 * What the services check too (times, issuer, audience: {@link AccessTokenClaims}),
	 * and, here only, that the token has an expiry and a subject.
	 */
	static OAuth2TokenValidator<Jwt> validator(TokenProperties properties, Clock clock) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(properties.claims().validators(clock));
		validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
		validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, (sub) -> sub != null && !sub.isBlank()));
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	/** No token, or one that is not valid (any more): 401 with a bearer challenge. */
	static final class Unauthenticated extends ResponseStatusException {

		private final String challenge;

		private Unauthenticated(String detail, String challenge) {
			super(HttpStatus.UNAUTHORIZED, detail);
			this.challenge = challenge;
		}

		static Unauthenticated noToken() {
			return new Unauthenticated("This needs an access token: send Authorization: Bearer <accessToken>.",
					"Bearer");
		}

		/** Never says which check failed: that would help whoever forges tokens. */
		static Unauthenticated invalidToken() {
			return new Unauthenticated("The access token is invalid, expired or revoked.",
					"Bearer error=\"invalid_token\"");
		}

		@Override
		public HttpHeaders getHeaders() {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.WWW_AUTHENTICATE, this.challenge);
			return headers;
		}

	}

	/** A valid token without the role the path needs. */
	static class Forbidden extends ResponseStatusException {

		Forbidden() {
			super(HttpStatus.FORBIDDEN, "This needs the ADMIN role.");
		}

	}

}
