package io.minibase.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import io.minibase.auth.AuthIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole rotation on the real schema, the schedule's moments given as instants: the next
 * key is in the JWKS before it signs, tokens of the old key verify until it retires, and
 * a retired key is out of the JWKS with its private key gone.
 */
class SigningKeyRotationIT extends AuthIntegrationTest {

	@Autowired
	SigningKeys keys;

	@Autowired
	SigningKeyMapper mapper;

	@Autowired
	SigningKeyProperties rotation;

	@Autowired
	DataSource dataSource;

	@Test
	void aKeyIsPublishedAheadSignsInItsTurnAndRetiresAfterTheTokensItSignedHaveExpired() {
		String oldKid = this.keys.rotate();
		Instant started = activatesAt(oldKid);
		// the keys other tests left behind retire, so what follows is this key's life
		// only
		assertThat(this.keys.rotateIfDue(started.plus(Duration.ofDays(1))))
			.allSatisfy((step) -> assertThat(step).isInstanceOf(KeyStep.Retire.class));
		String oldToken = login("mock-rotor-1").get("accessToken").asString();
		assertThat(kid(oldToken)).isEqualTo(oldKid);

		Instant publish = started.plus(this.rotation.rotateEvery()).minus(this.rotation.publishAhead());
		assertThat(this.keys.rotateIfDue(publish.minusSeconds(1))).isEmpty();
		assertThat(this.keys.rotateIfDue(publish)).singleElement().isInstanceOf(KeyStep.PublishNext.class);
		String nextKid = status(KeyStatus.NEXT).kid();
		assertThat(jwks()).contains(oldKid).contains(nextKid);
		// published, not signing yet; this token is never shown until its key has retired
		String unseen = login("mock-rotor-2").get("accessToken").asString();
		assertThat(kid(unseen)).isEqualTo(oldKid);
		assertThat(this.keys.rotateIfDue(publish.plusSeconds(1))).isEmpty();

		Instant turn = started.plus(this.rotation.rotateEvery());
		assertThat(this.keys.rotateIfDue(turn)).containsExactly(new KeyStep.Promote(nextKid));
		String newToken = login("mock-rotor-3").get("accessToken").asString();
		assertThat(kid(newToken)).isEqualTo(nextKid);
		assertThat(get("/api/users/me", oldToken).statusCode()).isEqualTo(200);
		assertThat(get("/api/users/me", newToken).statusCode()).isEqualTo(200);

		// an access token lives 15 minutes: its key stays at least that long after its
		// last
		Instant retire = turn.plus(Duration.ofMinutes(15));
		assertThat(this.keys.rotateIfDue(retire)).isEmpty();
		assertThat(this.keys.rotateIfDue(turn.plus(Duration.ofMinutes(30)))).contains(new KeyStep.Retire(oldKid));
		assertThat(jwks()).doesNotContain(oldKid).contains(nextKid);
		assertThat(this.mapper.findPublished()).extracting(SigningKey::kid).doesNotContain(oldKid);
		assertThat(new JdbcTemplate(this.dataSource)
			.queryForMap("SELECT status, private_key, retired_at FROM signing_key WHERE kid = ?", oldKid))
			.containsEntry("status", "RETIRED")
			.containsEntry("private_key", "")
			.extractingByKey("retired_at")
			.isNotNull();
		assertThat(get("/api/users/me", unseen).statusCode()).isEqualTo(401);
		assertThat(get("/api/users/me", newToken).statusCode()).isEqualTo(200);
	}

	@Test
	void instancesApplyingTheSameStepAtOnceChangeTheKeysOnce() throws Exception {
		String kid = this.keys.rotate();
		Instant publish = activatesAt(kid).plus(this.rotation.rotateEvery()).minus(this.rotation.publishAhead());

		List<Thread> threads = List.of(Thread.ofVirtual().unstarted(() -> this.keys.rotateIfDue(publish)),
				Thread.ofVirtual().unstarted(() -> this.keys.rotateIfDue(publish)));
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join(Duration.ofSeconds(30));
		}

		assertThat(this.mapper.findPublished()).filteredOn((key) -> key.status() == KeyStatus.NEXT).hasSize(1);
		assertThat(this.mapper.findPublished()).filteredOn((key) -> key.status() == KeyStatus.ACTIVE)
			.extracting(SigningKey::kid)
			.containsExactly(kid);
		// and the next key's turn, so no test after this one meets a key waiting to sign
		String next = status(KeyStatus.NEXT).kid();
		assertThat(this.keys.rotateIfDue(publish.plus(this.rotation.publishAhead())))
			.contains(new KeyStep.Promote(next));
	}

	private Instant activatesAt(String kid) {
		return this.mapper.findPublished()
			.stream()
			.filter((key) -> key.kid().equals(kid))
			.findFirst()
			.orElseThrow()
			.activatesAt()
			.truncatedTo(ChronoUnit.MILLIS);
	}

	private SigningKey status(KeyStatus status) {
		return this.mapper.findPublished().stream().filter((key) -> key.status() == status).findFirst().orElseThrow();
	}

	private String jwks() {
		return get("/.well-known/jwks.json", null).body();
	}

	private static String kid(String token) {
		String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
		return json.readTree(header).get("kid").asString();
	}

}
