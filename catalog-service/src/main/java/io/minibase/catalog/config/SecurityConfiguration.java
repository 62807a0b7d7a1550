package io.minibase.catalog.config;

import io.minibase.common.security.ResourceServer;
import io.minibase.common.web.TraceIds;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * catalog-service trusts auth-service's tokens (common-security). Only
 * {@code /api/admin/**} needs a token, with role ADMIN; the public catalog, actuator,
 * OpenAPI and unknown paths (which must stay a plain 404) are open.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, TraceIds traceIds, JsonMapper json) throws Exception {
		ResourceServer.configure(http, traceIds, json)
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/api/admin/**").hasRole("ADMIN").anyRequest().permitAll());
		return http.build();
	}

}
