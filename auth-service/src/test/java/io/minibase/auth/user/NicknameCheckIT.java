package io.minibase.auth.user;

import java.net.http.HttpResponse;

import io.minibase.auth.AuthIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A nickname others will see goes through WeChat's text check (the stub's rules). */
class NicknameCheckIT extends AuthIntegrationTest {

	@Test
	void aRiskyNicknameIsRefusedWithContentRejectedAndTheOldOneStays() {
		String token = login("mock-nick-1").get("accessToken").asString();
		assertThat(patch("/api/users/me", "{\"nickname\":\"小明\"}", token).statusCode()).isEqualTo(200);

		for (String risky : new String[] { "违规的名字", "a forbidden-text name" }) {
			HttpResponse<String> refused = patch("/api/users/me", "{\"nickname\":\"" + risky + "\"}", token);

			assertThat(refused.statusCode()).isEqualTo(422);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = body(refused);
			assertThat(problem.get("type").asString()).endsWith("/content-rejected");
			assertThat(problem.get("status").asInt()).isEqualTo(422);
		}
		assertThat(body(get("/api/users/me", token)).get("nickname").asString()).isEqualTo("小明");
	}

	@Test
	void aHarmlessNicknameIsSaved() {
		String token = login("mock-nicky-1").get("accessToken").asString();

		HttpResponse<String> changed = patch("/api/users/me", "{\"nickname\":\"花花 🌸\"}", token);

		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(body(changed).get("nickname").asString()).isEqualTo("花花 🌸");
	}

}
