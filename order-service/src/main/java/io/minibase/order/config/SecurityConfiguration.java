package io.minibase.order.config;

import io.minibase.common.security.ResourceServer;
import io.minibase.common.web.TraceIds;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * order-service trusts auth-service's tokens (common-security): every order, address and
 * cart call needs one, and the order's owner is the token's subject, never a header the
 * caller sent; {@code /api/admin/**} needs role ADMIN. WeChat Pay's notifies carry no
 * token: their signature is checked instead. Actuator, OpenAPI and unknown paths (a plain
 * 404) stay open.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, TraceIds traceIds, JsonMapper json) throws Exception {
		ResourceServer.configure(http, traceIds, json)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/api/orders", "/api/orders/**", "/api/users/me/addresses",
						"/api/users/me/addresses/**", "/api/cart", "/api/cart/**")
				.authenticated()
				.requestMatchers("/api/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.permitAll());
		return http.build();
	}

}
