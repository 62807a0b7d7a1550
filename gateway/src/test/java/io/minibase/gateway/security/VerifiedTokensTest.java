package io.minibase.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {

	private final AtomicInteger verifications = new AtomicInteger();

	@Test
	void aTokenIsVerifiedOnceAndThenServedAsVerified() {
		ReactiveJwtDecoder tokens = verifiedTokens(Instant.now().plusSeconds(600));

		Jwt first = tokens.decode("t1").block();
		Jwt again = tokens.decode("t1").block();

		assertThat(again).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void aRefusedTokenIsVerifiedAgainEveryTime() {
		ReactiveJwtDecoder tokens = new VerifiedTokens((token) -> {
			this.verifications.incrementAndGet();
			return Mono.error(new BadJwtException("bad signature"));
		}, 16, Clock.systemUTC());

		StepVerifier.create(tokens.decode("forged")).expectError(BadJwtException.class).verify();
		StepVerifier.create(tokens.decode("forged")).expectError(BadJwtException.class).verify();
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenIsNotKeptPastItsExpiry() {
		ReactiveJwtDecoder tokens = verifiedTokens(Instant.now().minusSeconds(1));

		tokens.decode("t1").block();
		tokens.decode("t1").block();

		assertThat(this.verifications).hasValue(2);
	}

	private VerifiedTokens verifiedTokens(Instant expiresAt) {
		return new VerifiedTokens((token) -> Mono.fromSupplier(() -> {
			this.verifications.incrementAndGet();
			return Jwt.withTokenValue(token)
				.header("alg", "ES256")
				.subject("42")
				.issuedAt(expiresAt.minusSeconds(900))
				.expiresAt(expiresAt)
				.build();
		}), 16, Clock.systemUTC());
	}

}
