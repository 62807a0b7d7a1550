package io.minibase.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.minibase.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything auth-service publishes conforms to its type's schema in common-events. */
class PublishedEventsConformIT extends AuthIntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyEventWrittenToTheOutboxConformsToItsSchema() {
		JsonNode login = login("mock-schema" + UUID.randomUUID().toString().substring(0, 8) + "-1");
		String token = login.get("accessToken").asString();
		assertThat(patch("/api/users/me", "{\"nickname\":\"Schema 🧪\",\"avatarUrl\":\"https://example.com/a.png\"}",
				token)
			.statusCode()).isEqualTo(200);
		assertThat(post("/api/users/me/phone", "{\"code\":\"phone-13500001111-schema\"}", token).statusCode())
			.isEqualTo(200);

		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT event_type, payload FROM outbox");
		assertThat(rows).extracting((row) -> row.get("event_type"))
			.contains("auth.UserRegistered.v1", "auth.UserProfileChanged.v1", "auth.WeChatOpenidLinked.v1",
					"auth.UserPhoneLinked.v1");
		for (Map<String, Object> row : rows) {
			EventSchemas.assertConforms((String) row.get("event_type"), (String) row.get("payload"));
		}
	}

	@Test
	void dataWithAFieldTheSchemaDoesNotKnowIsRefused() {
		// so a producer that starts leaking, say, the openid fails its tests
		assertThat(EventSchemas.problems("auth.UserRegistered.v1",
				"{\"userId\":\"1\",\"nickname\":\"\",\"avatarUrl\":\"\",\"registeredAt\":\"2026-11-22T10:00:00Z\",\"openid\":\"x\"}"))
			.isNotEmpty();
	}

}
