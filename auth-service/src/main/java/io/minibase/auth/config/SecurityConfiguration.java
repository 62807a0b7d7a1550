package io.minibase.auth.config;

import io.minibase.common.security.ResourceServer;
import io.minibase.common.web.TraceIds;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * auth-service checks its own access tokens as an OAuth2 resource server. Only the calls
 * that act for a user need a token; the rest (login, refresh, JWKS, actuator, OpenAPI,
 * and unknown paths, which must stay a plain 404) are open.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, TraceIds traceIds, JsonMapper json) throws Exception {
		ResourceServer.configure(http, traceIds, json)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/api/admin/auth/login")
				.permitAll()
				.requestMatchers("/api/auth/logout", "/api/users/**")
				.authenticated()
				.requestMatchers("/api/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.permitAll());
		return http.build();
	}

}
