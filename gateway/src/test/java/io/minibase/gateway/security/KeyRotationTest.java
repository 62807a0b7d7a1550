package io.minibase.gateway.security;

import java.net.URI;
import java.time.Duration;

import com.nimbusds.jose.jwk.RSAKey;
import io.minibase.common.tokens.AuthServiceKeys;
import io.minibase.testsupport.MutableClock;
import io.minibase.testsupport.PublishedKeys;
import io.minibase.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A key rotation as the gateway's decoder lives through it, without a restart, on a clock
 * the test moves: auth-service's JWKS changes under it as ADR 15's schedule changes it.
 * (A BadJwtException is the gateway's 401; the wiring over HTTP: GatewaySecurityTest.)
 */
class KeyRotationTest {

	private static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final TokenProperties properties = new TokenProperties(URI.create("http://auth/.well-known/jwks.json"),
			"minibase-auth", "minibase", Duration.ofSeconds(30), 64, MAX_AGE, Duration.ofSeconds(10));

	private final RSAKey first = TestTokens.rsaKey("k1");

	private final RSAKey second = TestTokens.rsaKey("k2");

	private final MutableClock clock = MutableClock.startingNow();

	private final PublishedKeys published = new PublishedKeys().publish(this.first);

	private final AuthServiceKeys keys = AuthServiceKeys.publishedBy(this.published, MAX_AGE, Duration.ofSeconds(10),
			this.clock);

	private final ReactiveJwtDecoder decoder = SecurityConfiguration.decoder(this.properties, this.keys, this.clock);

	@AfterEach
	void stopTheKeys() throws Exception {
		this.keys.close();
	}

	@Test
	void aTokenSignedBeforeARotationKeepsWorkingUntilItExpires() {
		String shown = TestTokens.signedBy(this.first, "42", Duration.ofMinutes(15));
		String notYetShown = TestTokens.signedBy(this.first, "43", Duration.ofMinutes(15));
		assertThat(subject(shown)).isEqualTo("42");
		this.published.publish(this.first, this.second);
		this.clock.advance(MAX_AGE.plusMinutes(5));

		assertThat(subject(shown)).isEqualTo("42");
		assertThat(subject(notYetShown)).as("verified with the keys fetched again").isEqualTo("43");
		this.clock.advance(Duration.ofMinutes(6));
		assertThatThrownBy(() -> subject(shown)).as("expired").isInstanceOf(JwtValidationException.class);
		assertThatThrownBy(() -> subject(notYetShown)).isInstanceOf(JwtValidationException.class);
	}

	@Test
	void aTokenSignedByANewKeyIsAcceptedTheMomentTheKeyIsPublished() {
		assertThat(subject(TestTokens.signedBy(this.first, "42", Duration.ofMinutes(15)))).isEqualTo("42");
		this.published.publish(this.first, this.second);

		assertThat(subject(TestTokens.signedBy(this.second, "42", Duration.ofMinutes(15))))
			.as("no restart, no waiting for the max age")
			.isEqualTo("42");
	}

	@Test
	void aTokenSignedByARetiredKeyIsRefusedOnceTheKeysAreFetchedAgain() {
		this.published.publish(this.first, this.second);
		assertThat(subject(TestTokens.signedBy(this.first, "42", Duration.ofHours(1)))).isEqualTo("42");
		this.published.publish(this.second);
		this.clock.advance(MAX_AGE.plusSeconds(1));

		// signed by the retired key, not expired (a leaked key)
		assertThatThrownBy(() -> subject(TestTokens.signedBy(this.first, "43", Duration.ofHours(1))))
			.isInstanceOf(BadJwtException.class);
		assertThat(subject(TestTokens.signedBy(this.second, "43", Duration.ofHours(1)))).isEqualTo("43");
	}

	@Test
	void madeUpKeyIdsAreRefusedWithoutAFetchEach() {
		assertThat(subject(TestTokens.signedBy(this.first, "42", Duration.ofMinutes(15)))).isEqualTo("42");
		for (int i = 0; i < 10; i++) {
			String madeUp = TestTokens.signedBy(TestTokens.rsaKey("made-up-" + i), "42", Duration.ofMinutes(15));
			assertThatThrownBy(() -> subject(madeUp)).isInstanceOf(BadJwtException.class);
		}
		assertThat(this.published.fetches()).isEqualTo(2);
	}

	private String subject(String token) {
		return this.decoder.decode(token).block().getSubject();
	}

}
