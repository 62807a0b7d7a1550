package io.minibase.common.tokens;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What the gateway and every service check alike on the claims of an access token whose
 * signature auth-service's keys verified: its times ({@code exp}, {@code nbf}) within a
 * clock skew, its issuer, and an audience it names (auth-service/README.md).
 * <p>
 * It lives in its own module because the two sides share no web stack: the gateway is
 * reactive and common-security is for MVC services (it needs common-web). Each binds its
 * own settings ({@code gateway.token.*}, {@code minibase.tokens.*}) and adds its own
 * checks around these: the gateway insists on {@code exp} and {@code sub}; a service's
 * decoder adds Spring Security's defaults.
 *
 * @param issuer the {@code iss} every token must carry
 * @param audience a value the {@code aud} of every token must contain
 * @param clockSkew how far the verifier's clock may be off auth-service's for {@code exp}
 * and {@code nbf}
 */
public record AccessTokenClaims(String issuer, String audience, Duration clockSkew) {

	/** Spring Security's default skew, the services' since they first checked tokens. */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	/** The checks, in the order they run: times, issuer, audience. */
	public List<OAuth2TokenValidator<Jwt>> validators() {
		return validators(Clock.systemUTC());
	}

	/** The same, with the times read from {@code clock} (a test's). */
	public List<OAuth2TokenValidator<Jwt>> validators(Clock clock) {
		JwtTimestampValidator times = new JwtTimestampValidator(this.clockSkew);
		times.setClock(clock);
		return List.of(times, new JwtIssuerValidator(this.issuer), new JwtClaimValidator<List<String>>(
				JwtClaimNames.AUD, (aud) -> aud != null && aud.contains(this.audience)));
	}

}
