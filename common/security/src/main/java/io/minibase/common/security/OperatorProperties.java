package io.minibase.common.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's credential for the actuator's endpoints that change state.
 *
 * @param password {@code OPERATOR_PASSWORD}: plain, or already encoded in Spring
 * Security's {@code {id}hash} form (e.g. {@code {bcrypt}$2a$10$...}); blank means no
 * operator, so those endpoints refuse every call
 */
@ConfigurationProperties("minibase.operator")
public record OperatorProperties(String password) {

	/** The user name that goes with the password (HTTP Basic). */
	public static final String USER = "operator";

	public boolean configured() {
		return this.password != null && !this.password.isBlank();
	}

}
