package io.minibase.common.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.minibase.testsupport.MutableClock;
import io.minibase.testsupport.PublishedKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** auth-service's keys as the verifiers keep them, against a JWKS that changes. */
class AuthServiceKeysTest {

	private static final Duration MAX_AGE = Duration.ofMinutes(5);

	private static final Duration MIN_REFRESH = Duration.ofSeconds(10);

	private final RSAKey first = key("k1");

	private final RSAKey second = key("k2");

	private final PublishedKeys published = new PublishedKeys().publish(this.first);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));

	private final AuthServiceKeys keys = AuthServiceKeys.publishedBy(this.published, MAX_AGE, MIN_REFRESH, this.clock);

	@AfterEach
	void close() throws Exception {
		this.keys.close();
	}

	@Test
	void theKeysAreFetchedOnceAndKeptForTheirMaxAge() throws Exception {
		assertThat(kidsFor(this.first)).containsExactly("k1");
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(kidsFor(this.first)).containsExactly("k1");
		assertThat(this.published.fetches()).isEqualTo(1);
	}

	@Test
	void aKeyPublishedAfterTheLastFetchIsLookedUpTheFirstTimeATokenNamesIt() throws Exception {
		assertThat(kidsFor(this.first)).containsExactly("k1");
		this.published.publish(this.first, this.second);

		assertThat(kidsFor(this.second)).as("no restart, no waiting for the max age").containsExactly("k2");
		assertThat(kidsFor(this.first)).containsExactly("k1");
		assertThat(this.published.fetches()).isEqualTo(2);
	}

	@Test
	void aKeyAuthServiceRetiredStopsVerifyingOnceTheMaxAgeHasPassed() throws Exception {
		assertThat(kidsFor(this.first)).containsExactly("k1");
		this.published.publish(this.second);

		assertThat(kidsFor(this.first)).as("kept until the max age").containsExactly("k1");
		this.clock.advance(MAX_AGE.plusSeconds(1));
		assertThat(kidsFor(this.first)).as("retired").isEmpty();
		assertThat(kidsFor(this.second)).containsExactly("k2");
	}

	@Test
	void madeUpKeyIdsAreUnknownAndMakeAtMostTwoFetchesPerMinRefresh() throws Exception {
		assertThat(kidsFor(this.first)).containsExactly("k1");
		RSAKey madeUp = key("made-up");
		for (int i = 0; i < 20; i++) {
			assertThat(kidsFor(madeUp)).isEmpty();
		}
		assertThat(this.published.fetches()).as("the first fetch and one for the made-up key id").isEqualTo(2);

		this.clock.advance(MIN_REFRESH);
		this.published.publish(this.first, this.second);
		assertThat(kidsFor(this.second)).as("a real new key, once the min refresh has passed").containsExactly("k2");
	}

	@Test
	void whileAuthServiceFailsTheKeysOfTheLastGoodFetchStillVerify() throws Exception {
		assertThat(kidsFor(this.first)).containsExactly("k1");
		this.published.down(true);
		this.clock.advance(MAX_AGE.multipliedBy(2));

		assertThat(kidsFor(this.first)).containsExactly("k1");
		assertThat(this.published.fetches()).as("asked again").isGreaterThan(1);
	}

	private List<String> kidsFor(RSAKey signer) throws KeySourceException {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build();
		return this.keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null)
			.stream()
			.map(JWK::getKeyID)
			.toList();
	}

	private static RSAKey key(String id) {
		try {
			return new RSAKeyGenerator(2048).keyID(id).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
