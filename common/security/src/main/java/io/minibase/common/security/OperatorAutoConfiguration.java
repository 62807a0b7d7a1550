package io.minibase.common.security;

import java.util.List;

import io.minibase.common.web.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator of every service, as an operator meets it. Reading (health, info, metrics,
 * how many records wait in the dead-letter topics) stays open: the service's port listens
 * on loopback or a private interface only ({@code SERVER_ADDRESS}), where the probes and
 * Prometheus are. Anything that changes state there (replaying dead letters) needs the
 * operator's credential, HTTP Basic {@code operator} with {@code OPERATOR_PASSWORD}, even
 * from loopback: whoever reaches the box is not therefore an operator. A token of the
 * shop's admins is not that credential. 401 and 403 are problem+json like every other
 * refusal.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(OperatorProperties.class)
public class OperatorAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(OperatorAutoConfiguration.class);

	/**
	 * Before the service's own chain, which ends in {@code anyRequest()} and so must come
	 * last.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain operatorEndpoints(HttpSecurity http, OperatorProperties operator, Environment environment,
			TraceIds traceIds, JsonMapper json) throws Exception {
		String actuator = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		SecurityProblems problems = new SecurityProblems(traceIds, json);
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Basic realm=\"operator\", charset=\"UTF-8\"");
			problems.write(request, response, HttpStatus.UNAUTHORIZED,
					"This operator endpoint needs the operator's credential (HTTP Basic, user "
							+ OperatorProperties.USER + ").");
		};
		http.securityMatcher(actuator + "/**")
			.csrf((csrf) -> csrf.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authenticationManager(new ProviderManager(List.of(operators(operator))))
			.httpBasic((basic) -> basic.realmName("operator").authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler((request, response, ex) -> problems.write(request, response, HttpStatus.FORBIDDEN,
						"This call is not allowed with this credential.")))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, actuator + "/**")
				.permitAll()
				.requestMatchers(HttpMethod.HEAD, actuator + "/**")
				.permitAll()
				.anyRequest()
				.hasRole("OPERATOR"));
		return http.build();
	}

	/**
	 * The same credential, for the admin API's dead-letter replay (OperatorCredential).
	 */
	@Bean
	OperatorCredential operatorCredential(OperatorProperties operator) {
		return new OperatorCredential(operators(operator));
	}

	private static DaoAuthenticationProvider operators(OperatorProperties operator) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		if (operator.configured()) {
			String password = operator.password().strip();
			// a plain secret is hashed once here, so a wrong guess costs a bcrypt check
			// and never a timing-revealing string comparison
			String stored = password.startsWith("{") ? password : encoder.encode(password);
			UserDetails user = User.withUsername(OperatorProperties.USER).password(stored).roles("OPERATOR").build();
			users.createUser(user);
		}
		else {
			log.info("OPERATOR_PASSWORD is not set: the actuator's operator endpoints (dead-letter replay) refuse"
					+ " every call");
		}
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(encoder);
		return provider;
	}

}
