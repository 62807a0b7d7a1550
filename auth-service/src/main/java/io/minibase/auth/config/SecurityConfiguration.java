package io.minibase.auth.config;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.minibase.common.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * auth-service checks its own access tokens as an OAuth2 resource server. Only the calls
 * that act for a user need a token; the rest (login, refresh, JWKS, actuator, OpenAPI,
 * and unknown paths, which must stay a plain 404) are open. Refusals are problem+json
 * like every other error.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, TraceIds traceIds, JsonMapper json) throws Exception {
		ProblemWriter problems = new ProblemWriter(traceIds, json);
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			bearer.commence(request, response, ex); // sets WWW-Authenticate: Bearer ...
			problems.write(request, response, HttpStatus.UNAUTHORIZED,
					"A valid access token is required (Authorization: Bearer <accessToken>).");
		};
		AccessDeniedHandler accessDenied = (request, response, ex) -> problems.write(request, response,
				HttpStatus.FORBIDDEN, "This call is not allowed with this token.");
		JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(new RolesConverter());
		http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/auth/logout", "/api/users/**")
				.authenticated()
				.requestMatchers("/api/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(authentication))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
		return http.build();
	}

	/** The {@code roles} claim as {@code ROLE_*} authorities. */
	static final class RolesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

		@Override
		public Collection<GrantedAuthority> convert(Jwt jwt) {
			List<String> roles = jwt.getClaimAsStringList("roles");
			return (roles != null) ? roles.stream()
				.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
				.toList() : List.of();
		}

	}

	/** Writes a problem from a filter, where the controller advice does not reach. */
	record ProblemWriter(TraceIds traceIds, JsonMapper json) {

		void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
				throws IOException {
			// a map, not a ProblemDetail: the plain JsonMapper bean lacks MVC's problem
			// mix-in
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", status.getReasonPhrase());
			problem.put("status", status.value());
			problem.put("detail", detail);
			problem.put("instance", request.getRequestURI());
			Object traceId = request.getAttribute(TraceIds.HEADER);
			problem.put("traceId", (traceId != null) ? traceId.toString() : this.traceIds.current());
			response.setStatus(status.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getOutputStream().write(this.json.writeValueAsBytes(problem));
		}

	}

}
