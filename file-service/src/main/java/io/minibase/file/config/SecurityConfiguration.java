package io.minibase.file.config;

import io.minibase.common.security.ResourceServer;
import io.minibase.common.web.TraceIds;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * file-service trusts auth-service's tokens (common-security). Uploading needs a token of
 * any signed-in user, and so does asking which files are the user's
 * ({@code /internal/**}, for other services, which pass their user's token on); reading
 * files is public (they are the images of public pages) but for private ones, as are
 * actuator, OpenAPI and unknown paths (which must stay a plain 404).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, TraceIds traceIds, JsonMapper json) throws Exception {
		ResourceServer.configure(http, traceIds, json)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/api/files", "/api/files/")
				.authenticated()
				.requestMatchers("/internal/**")
				.authenticated()
				// the service's dead letters in the admin API (common-events, ADR 20)
				.requestMatchers("/api/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.permitAll());
		return http.build();
	}

}
