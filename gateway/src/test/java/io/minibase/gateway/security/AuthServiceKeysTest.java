package io.minibase.gateway.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** auth-service's keys as the gateway keeps them, against a JWKS that changes. */
class AuthServiceKeysTest {

	private final RSAKey first = key("k1");

	private final RSAKey second = key("k2");

	private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(this.first.toPublicJWK()));

	private final AtomicReference<HttpStatus> answering = new AtomicReference<>(HttpStatus.OK);

	private final AtomicInteger fetches = new AtomicInteger();

	private final MutableClock clock = new MutableClock();

	private final AuthServiceKeys keys = new AuthServiceKeys(WebClient.builder().exchangeFunction((request) -> {
		this.fetches.incrementAndGet();
		return Mono.just(ClientResponse.create(this.answering.get())
			.header("Content-Type", "application/json")
			.body(this.published.get().toString())
			.build());
	}).build(), URI.create("http://auth/.well-known/jwks.json"), Duration.ofMinutes(5), Duration.ofSeconds(10),
			this.clock);

	@Test
	void theKeysAreFetchedOnceAndKeptForTheirMaxAge() throws Exception {
		assertThat(kidsFor(this.first)).containsExactly("k1");
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(kidsFor(this.first)).containsExactly("k1");
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void aKeyAuthServiceRetiredStopsVerifyingOnceTheMaxAgeHasPassed() throws Exception {
		assertThat(kidsFor(this.first)).containsExactly("k1");
		this.published.set(new JWKSet(this.second.toPublicJWK()));

		assertThat(kidsFor(this.first)).as("kept until the max age").containsExactly("k1");
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertThat(kidsFor(this.first)).as("retired").isEmpty();
		assertThat(kidsFor(this.second)).containsExactly("k2");
	}

	@Test
	void aKeyIdNotKeptIsLookedUpAtOnceButAtMostOncePerMinRefresh() throws Exception {
		assertThat(kidsFor(this.first)).containsExactly("k1");
		this.published.set(new JWKSet(List.of(this.first.toPublicJWK(), this.second.toPublicJWK())));
		this.clock.advance(Duration.ofSeconds(11));

		assertThat(kidsFor(this.second)).as("a rotation: fetched again for the new kid").containsExactly("k2");
		assertThat(this.fetches).hasValue(2);
		RSAKey madeUp = key("made-up");
		for (int i = 0; i < 20; i++) {
			assertThat(kidsFor(madeUp)).isEmpty();
		}
		assertThat(this.fetches).as("made-up kids within 10 s").hasValue(2);
	}

	@Test
	void whileAuthServiceFailsTheKeysOfTheLastGoodFetchStillVerify() throws Exception {
		assertThat(kidsFor(this.first)).containsExactly("k1");
		this.answering.set(HttpStatus.SERVICE_UNAVAILABLE);
		this.clock.advance(Duration.ofMinutes(6));

		assertThat(kidsFor(this.first)).containsExactly("k1");
	}

	private List<String> kidsFor(RSAKey signer) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
				new JWTClaimsSet.Builder().subject("42").build());
		jwt.sign(new RSASSASigner(signer));
		return this.keys.apply(jwt).map(JWK::getKeyID).collectList().block();
	}

	private static RSAKey key(String id) {
		try {
			return new RSAKeyGenerator(2048).keyID(id).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-02T00:00:00Z");

		void advance(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
