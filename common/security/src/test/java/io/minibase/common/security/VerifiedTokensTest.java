package io.minibase.common.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

	private final AtomicInteger verifications = new AtomicInteger();

	private final AtomicBoolean revoked = new AtomicBoolean();

	private final OAuth2TokenValidator<Jwt> notRevoked = (jwt) -> this.revoked.get()
			? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token was revoked", null))
			: OAuth2TokenValidatorResult.success();

	@Test
	void aTokenIsVerifiedOnceAndThenServedAsVerified() {
		JwtDecoder tokens = verifiedTokens(expiringIn(600), 16);

		Jwt first = tokens.decode("t1");
		Jwt again = tokens.decode("t1");

		assertThat(again).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
		tokens.decode("t2");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aRefusedTokenIsVerifiedAgainEveryTime() {
		JwtDecoder tokens = new VerifiedTokens((token) -> {
			this.verifications.incrementAndGet();
			throw new BadJwtException("bad signature");
		}, this.notRevoked, 16, Clock.systemUTC());

		assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenIsNotKeptPastItsExpiry() {
		JwtDecoder tokens = verifiedTokens(expiringIn(-1), 16);

		tokens.decode("t1");
		tokens.decode("t1");

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void whatCanChangeWhileATokenLivesIsCheckedOnEveryCall() {
		JwtDecoder tokens = verifiedTokens(expiringIn(600), 16);
		tokens.decode("t1");

		this.revoked.set(true);

		assertThatThrownBy(() -> tokens.decode("t1")).isInstanceOf(JwtValidationException.class)
			.hasMessageContaining("revoked");
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void atMostSizeTokensAreKept() {
		JwtDecoder tokens = verifiedTokens(expiringIn(600), 2);
		for (int i = 0; i < 50; i++) {
			tokens.decode("t" + i);
		}
		int afterFifty = this.verifications.get();

		for (int i = 0; i < 50; i++) {
			tokens.decode("t" + i);
		}

		assertThat(afterFifty).isEqualTo(50);
		assertThat(this.verifications.get() - afterFifty).isGreaterThanOrEqualTo(45);
	}

	private VerifiedTokens verifiedTokens(Instant expiresAt, int size) {
		return new VerifiedTokens((token) -> {
			this.verifications.incrementAndGet();
			return Jwt.withTokenValue(token)
				.header("alg", "ES256")
				.subject("42")
				.claims((claims) -> claims.putAll(Map.of("roles", List.of("USER"))))
				.issuedAt(expiresAt.minusSeconds(900))
				.expiresAt(expiresAt)
				.build();
		}, this.notRevoked, size, Clock.systemUTC());
	}

	private static Instant expiringIn(long seconds) {
		return Instant.now().plusSeconds(seconds);
	}

}
