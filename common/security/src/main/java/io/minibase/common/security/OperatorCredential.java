package io.minibase.common.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks the operator's credential where it does not arrive as the request's own HTTP
 * Basic (the admin API's dead-letter replay, which carries the admin's bearer token in
 * {@code Authorization} and the operator's {@code Basic} in
 * {@code Operator-Authorization}): the same user, password and bcrypt check as the
 * actuator's operator endpoints.
 */
public final class OperatorCredential {

	/** The header that carries it beside a bearer token. */
	public static final String HEADER = "Operator-Authorization";

	private final AuthenticationProvider operators;

	OperatorCredential(AuthenticationProvider operators) {
		this.operators = operators;
	}

	/** Whether {@code Basic base64(operator:password)} names the operator. */
	public boolean accepts(String basic) {
		if (basic == null || !basic.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(basic.substring(6).strip()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		int colon = decoded.indexOf(':');
		if (colon < 0) {
			return false;
		}
		try {
			return this.operators
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(decoded.substring(0, colon),
						decoded.substring(colon + 1)))
				.isAuthenticated();
		}
		catch (AuthenticationException ex) {
			return false;
		}
	}

}
