package io.minibase.auth.user;

import java.time.Duration;
import java.util.UUID;

import io.minibase.auth.AuthIntegrationTest;
import io.minibase.common.events.Outbox;
import io.minibase.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * file-service's {@code file.FileReviewed.v1} on Kafka (fed through this service's own
 * outbox, as file-service's relay would publish it): a rejected file stops being anyone's
 * avatar.
 */
class RejectedAvatarIT extends AuthIntegrationTest {

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Users users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void anAvatarWhoseFileTheMediaCheckRejectedIsDroppedOnce() {
		JsonNode alice = login("mock-avatar" + UUID.randomUUID().toString().substring(0, 8) + "-1");
		long aliceId = Long.parseLong(alice.get("user").get("id").asString());
		String avatar = "AvatarFileId1234567890";
		String other = "OtherFileId12345678901";
		setAvatar(alice, "https://shop.example/api/files/" + avatar + "?w=128");

		// one key for all three, so they arrive in this order
		publish(avatar, reviewed(avatar, aliceId, "PASSED"));
		String otherRejected = publish(avatar, reviewed(other, aliceId, "REJECTED"));
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM processed_event WHERE event_id = ?",
					Integer.class, otherRejected) == 1);
		assertThat(avatarOf(alice)).as("a pass, and another file's rejection, change nothing")
			.isEqualTo("https://shop.example/api/files/" + avatar + "?w=128");

		String rejected = publish(avatar, reviewed(avatar, aliceId, "REJECTED"));
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> avatarOf(alice).isEmpty());

		// the same event delivered again (a relay that crashed before marking it sent)
		// after the user chose that URL once more: applied once only
		setAvatar(alice, "https://shop.example/api/files/" + avatar);
		this.users.dropRejectedAvatar(rejected, aliceId, avatar);
		assertThat(avatarOf(alice)).isEqualTo("https://shop.example/api/files/" + avatar);
	}

	@Test
	void onlyAnAvatarOfExactlyThatFileIsItsAvatar() {
		String id = "AbCdEfGhIjKlMnOpQrStUv";
		assertThat(Users.pointsTo("/api/files/" + id, id)).isTrue();
		assertThat(Users.pointsTo("https://cdn.example/api/files/" + id + "?w=64", id)).isTrue();
		assertThat(Users.pointsTo("/api/files/" + id + "x", id)).isFalse();
		assertThat(Users.pointsTo("/api/files/" + id + "/other", id)).isFalse();
		assertThat(Users.pointsTo("https://thirdwx.qlogo.cn/mmopen/" + id, id)).isFalse();
		assertThat(Users.pointsTo("", id)).isFalse();
	}

	private void setAvatar(JsonNode login, String url) {
		assertThat(patch("/api/users/me", "{\"avatarUrl\":\"" + url + "\"}", login.get("accessToken").asString())
			.statusCode()).isEqualTo(200);
	}

	private String avatarOf(JsonNode login) {
		return body(get("/api/users/me", login.get("accessToken").asString())).get("avatarUrl").asString();
	}

	private static String reviewed(String fileId, long owner, String verdict) {
		String event = """
				{"fileId":"%s","ownerId":"%s","url":"/api/files/%s","verdict":"%s","reviewedAt":"2026-11-22T10:00:00Z"}"""
			.formatted(fileId, owner, fileId, verdict);
		EventSchemas.assertConforms(FileEventConsumer.REVIEWED, event);
		return event;
	}

	private String publish(String key, String event) {
		return this.transactions.execute((tx) -> this.outbox.append(FileEventConsumer.TOPIC, FileEventConsumer.REVIEWED,
				key, json.readTree(event)));
	}

}
