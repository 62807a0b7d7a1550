package io.minibase.common.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenClaimsTest {

	private final OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
			new AccessTokenClaims("minibase-auth", "minibase", Duration.ofSeconds(30)).validators());

	@Test
	void aTokenOfThisIssuerForThisAudienceWithinItsTimesPasses() {
		assertThat(valid(token("minibase-auth", List.of("other", "minibase"), Instant.now().plusSeconds(60), null)))
			.isTrue();
	}

	@Test
	void anotherIssuerOrAudienceFails() {
		assertThat(valid(token("someone-else", List.of("minibase"), Instant.now().plusSeconds(60), null))).isFalse();
		assertThat(valid(token("minibase-auth", List.of("another-app"), Instant.now().plusSeconds(60), null)))
			.isFalse();
		assertThat(valid(token("minibase-auth", null, Instant.now().plusSeconds(60), null))).isFalse();
	}

	@Test
	void timesAreJudgedWithinTheClockSkew() {
		assertThat(valid(token("minibase-auth", List.of("minibase"), Instant.now().minusSeconds(10), null))).isTrue();
		assertThat(valid(token("minibase-auth", List.of("minibase"), Instant.now().minusSeconds(60), null))).isFalse();
		assertThat(valid(token("minibase-auth", List.of("minibase"), Instant.now().plusSeconds(600),
				Instant.now().plusSeconds(10))))
			.isTrue();
		assertThat(valid(token("minibase-auth", List.of("minibase"), Instant.now().plusSeconds(600),
				Instant.now().plusSeconds(60))))
			.isFalse();
	}

	private boolean valid(Jwt jwt) {
		return !this.validator.validate(jwt).hasErrors();
	}

	private static Jwt token(String issuer, List<String> audience, Instant expiresAt, Instant notBefore) {
		Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").subject("42").issuer(issuer);
		if (audience != null) {
			token.audience(audience);
		}
		if (notBefore != null) {
			token.notBefore(notBefore);
		}
		return token.issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt).build();
	}

}
