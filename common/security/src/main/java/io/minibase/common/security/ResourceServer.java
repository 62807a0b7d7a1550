package io.minibase.common.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.minibase.common.tokens.AuthServiceKeys;
import io.minibase.common.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.client.RestTemplate;

/**
 * What every service does the same way as a resource server for auth-service's access
 * tokens. A service writes only its own {@code authorizeHttpRequests}:
 *
 * <pre>{@code
 * ResourceServer.configure(http, traceIds, json)
 * 	.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/admin/**").hasRole("ADMIN")
 * 		.anyRequest().permitAll());
 * }</pre>
 */
public final class ResourceServer {

	private ResourceServer() {
	}

	/**
	 * Stateless, no CSRF, sessions, basic or form login; bearer JWTs whose {@code roles}
	 * claim become {@code ROLE_*} authorities; 401 (with {@code WWW-Authenticate}) and
	 * 403 answered as problem+json like every other error.
	 */
	public static HttpSecurity configure(HttpSecurity http, TraceIds traceIds, JsonMapper json) {
		SecurityProblems problems = new SecurityProblems(traceIds, json);
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			bearer.commence(request, response, ex); // sets WWW-Authenticate: Bearer ...
			problems.write(request, response, HttpStatus.UNAUTHORIZED,
					"A valid access token is required (Authorization: Bearer <accessToken>).");
		};
		AccessDeniedHandler accessDenied = (request, response, ex) -> problems.write(request, response,
				HttpStatus.FORBIDDEN, "This call is not allowed with this token.");
		// A token that could not be checked at all (auth-service's keys unreachable, with
		// none cached yet) is the verifier's trouble, not the caller's: Spring Security
		// rethrows it and the servlet container answered 500. It is a 503 to try again.
		AuthenticationFailureHandler failure = (request, response, ex) -> {
			if (ex instanceof AuthenticationServiceException) {
				response.setHeader(HttpHeaders.RETRY_AFTER, "1");
				problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
						"Access tokens cannot be checked right now. Try again shortly.");
			}
			else {
				entryPoint.commence(request, response, ex);
			}
		};
		JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(ResourceServer::roles);
		return http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(authentication))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(failure);
						return filter;
					}
				}))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
	}

	/**
	 * A decoder for access tokens signed by the given keys: RS256, which auth-service
	 * signs with, and ES256, which it signed with before (ADR 15), and nothing else
	 * (pinned, so {@code alg: none}, HS256 or any other algorithm is refused), issuer,
	 * audience and expiry checked once per token ({@link VerifiedTokens}), plus any extra
	 * checks (e.g. revocation) on every call. A service's keys are auth-service's JWKS
	 * ({@link AuthServiceKeys}, see {@link SecurityAutoConfiguration}); auth-service's
	 * own are the ones it holds.
	 */
	@SafeVarargs
	public static JwtDecoder decoder(JWKSource<SecurityContext> keys, TokenProperties tokens,
			OAuth2TokenValidator<Jwt>... everyTime) {
		return decoder(keys, tokens, Clock.systemUTC(), everyTime);
	}

	/** The same, with expiry read from {@code clock} (a test's). */
	@SafeVarargs
	public static JwtDecoder decoder(JWKSource<SecurityContext> keys, TokenProperties tokens, Clock clock,
			OAuth2TokenValidator<Jwt>... everyTime) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithms(ResourceServer::pinned).build();
		// the checks the gateway makes too, plus Spring Security's defaults (the JWT typ,
		// certificate-bound tokens)
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(tokens.claims().validators(clock)));
		return new VerifiedTokens(decoder, new DelegatingOAuth2TokenValidator<>(List.of(everyTime)),
				tokens.verifiedCacheSize(), clock);
	}

	/** The algorithms access tokens may be signed with (ADR 15). */
	public static void pinned(Set<SignatureAlgorithm> algorithms) {
		algorithms.clear();
		algorithms.add(SignatureAlgorithm.RS256);
		algorithms.add(SignatureAlgorithm.ES256);
	}

	private static Collection<GrantedAuthority> roles(Jwt jwt) {
		List<String> roles = jwt.getClaimAsStringList("roles");
		return (roles != null)
				? roles.stream().map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList()
				: List.of();
	}

}
