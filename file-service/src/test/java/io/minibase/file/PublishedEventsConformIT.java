package io.minibase.file;

import java.util.List;
import java.util.Map;

import io.minibase.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything file-service publishes conforms to its type's schema in common-events. */
class PublishedEventsConformIT extends FileIntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyEventWrittenToTheOutboxConformsToItsSchema() {
		long user = newUser();
		JsonNode file = uploaded(user, "event.png", TestImages.image("png", 33, 22, 41));
		uploaded(user, "event.webp", TestImages.WEBP_1X1);

		// other tests feed this service events as other services would, through its
		// outbox
		List<Map<String, Object>> rows = this.jdbc
			.queryForList("SELECT topic, event_type, payload FROM outbox WHERE event_type LIKE 'file.%'");
		assertThat(rows).extracting((row) -> row.get("event_type")).contains("file.FileUploaded.v1");
		for (Map<String, Object> row : rows) {
			assertThat(row.get("topic")).isEqualTo("file.files.v1");
			EventSchemas.assertConforms((String) row.get("event_type"), (String) row.get("payload"));
		}
		String payload = this.jdbc.queryForObject("SELECT payload FROM outbox WHERE subject = ?", String.class,
				file.get("id").asString());
		JsonNode event = json.readTree(payload);
		assertThat(event.get("ownerId").asString()).isEqualTo(String.valueOf(user));
		assertThat(event.get("url").asString()).isEqualTo(file.get("url").asString());
		assertThat(event.get("width").asInt()).isEqualTo(33);
	}

	@Test
	void uploadingTheSameBytesAgainPublishesNothingNew() {
		long user = newUser();
		byte[] content = TestImages.image("gif", 10, 10, 42);
		JsonNode file = uploaded(user, "once.gif", content);

		uploaded(user, "twice.gif", content);

		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE subject = ?", Integer.class,
				file.get("id").asString()))
			.isEqualTo(1);
	}

}
