package io.minibase.auth.phone;

import java.net.http.HttpResponse;
import java.util.Map;

import io.minibase.auth.AuthIntegrationTest;
import io.minibase.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding a phone number through the WeChat stub, as a mini-program would. */
class PhoneNumberIT extends AuthIntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aPhoneCodeBindsTheNumberShownMaskedKeptEncryptedAndPublishedOnItsOwnTopic() {
		JsonNode login = login("mock-phonea-1");
		String token = login.get("accessToken").asString();
		String userId = login.get("user").get("id").asString();

		HttpResponse<String> bound = post("/api/users/me/phone", "{\"code\":\"phone-13812345678-p1\"}", token);

		assertThat(bound.statusCode()).isEqualTo(200);
		assertThat(body(bound).get("phoneMasked").asString()).isEqualTo("138****5678");
		assertThat(bound.body()).doesNotContain("13812345678");
		assertThat(body(get("/api/users/me", token)).get("phoneMasked").asString()).isEqualTo("138****5678");
		Map<String, Object> row = this.jdbc
			.queryForMap("SELECT phone_encrypted, phone_masked FROM app_user WHERE id = ?", Long.parseLong(userId));
		assertThat((String) row.get("phone_encrypted")).isNotBlank().doesNotContain("13812345678");
		String payload = this.jdbc.queryForObject(
				"SELECT payload FROM outbox WHERE subject = ? AND event_type = 'auth.UserPhoneLinked.v1' AND topic = 'auth.phones.v1'",
				String.class, userId);
		EventSchemas.assertConforms("auth.UserPhoneLinked.v1", payload);
		assertThat(json.readTree(payload).get("phoneNumber").asString()).isEqualTo("13812345678");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM outbox WHERE subject = ? AND topic = 'auth.users.v1' AND payload LIKE '%13812345678%'",
				Integer.class, userId))
			.as("auth.users.v1 never carries the number")
			.isZero();
	}

	@Test
	void aNewCodeReplacesTheNumber() {
		String token = login("mock-phoneb-1").get("accessToken").asString();
		post("/api/users/me/phone", "{\"code\":\"phone-13812345678-p2\"}", token);

		HttpResponse<String> again = post("/api/users/me/phone", "{\"code\":\"phone-13987654321-p2\"}", token);

		assertThat(body(again).get("phoneMasked").asString()).isEqualTo("139****4321");
	}

	@Test
	void anInvalidOrUsedCodeIsABadRequestAndChangesNothing() {
		String token = login("mock-phonec-1").get("accessToken").asString();
		assertThat(post("/api/users/me/phone", "{\"code\":\"phone-13800000000-p3\"}", token).statusCode())
			.isEqualTo(200);

		HttpResponse<String> used = post("/api/users/me/phone", "{\"code\":\"phone-13800000000-p3\"}", token);
		HttpResponse<String> invalid = post("/api/users/me/phone", "{\"code\":\"phone-invalid-p3\"}", token);

		for (HttpResponse<String> refused : java.util.List.of(used, invalid)) {
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(body(get("/api/users/me", token)).get("phoneMasked").asString()).isEqualTo("138****0000");
	}

	@Test
	void withoutATokenItIsUnauthorized() {
		assertThat(post("/api/users/me/phone", "{\"code\":\"phone-13812345678-x\"}", null).statusCode()).isEqualTo(401);
	}

}
