package io.minibase.auth.user;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.minibase.auth.AuthIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's users page: the admin's list, and disabling a user. */
class UserAdminIT extends AuthIntegrationTest {

	@Autowired
	StringRedisTemplate redis;

	@Test
	void anAdminFindsAUserByIdOrNicknameWithoutTheirWeChatIdentity() {
		JsonNode user = login("mock-dora" + UUID.randomUUID().toString().substring(0, 8) + "-1").get("user");
		String admin = adminToken();

		HttpResponse<String> byId = get("/api/admin/users?q=" + user.get("id").asString(), admin);
		assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
		JsonNode items = body(byId).get("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).get("id").asString()).isEqualTo(user.get("id").asString());
		assertThat(items.get(0).get("roles").get(0).asString()).isEqualTo("USER");
		assertThat(items.get(0).get("disabled").asBoolean()).isFalse();
		assertThat(byId.body()).doesNotContain("openid").doesNotContain("mock-openid");

		JsonNode page = body(get("/api/admin/users?size=1", admin));
		assertThat(page.get("items")).hasSize(1);
		String cursor = page.get("nextCursor").asString();
		assertThat(cursor).isNotEqualTo(page.get("items").get(0).get("id").asString());
		JsonNode next = body(get("/api/admin/users?size=1&cursor=" + cursor, admin)).get("items");
		assertThat(Long.parseLong(next.get(0).get("id").asString()))
			.isLessThan(Long.parseLong(page.get("items").get(0).get("id").asString()));
		// a cursor is the list's own, not a bare id
		assertThat(get("/api/admin/users?size=1&cursor=" + user.get("id").asString(), admin).statusCode())
			.isEqualTo(400);
		assertThat(get("/api/admin/users?size=101", admin).statusCode()).isEqualTo(400);
	}

	@Test
	void aDisabledUserCannotLogInOrRefreshAndTheirTokensAreRefused() {
		String name = "erin" + UUID.randomUUID().toString().substring(0, 8);
		JsonNode session = login("mock-" + name + "-1");
		String id = session.get("user").get("id").asString();

		HttpResponse<String> disabled = post("/api/admin/users/" + id + "/disable", null, adminToken());
		assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
		assertThat(body(disabled).get("disabled").asBoolean()).isTrue();

		// the key the gateway checks on every protected request
		assertThat(this.redis.hasKey("auth:user-disabled:" + id)).isTrue();
		assertThat(get("/api/users/me", session.get("accessToken").asString()).statusCode()).isEqualTo(401);
		HttpResponse<String> again = post("/api/auth/wechat/login", "{\"code\":\"mock-" + name + "-2\"}", null);
		assertThat(again.statusCode()).isEqualTo(403);
		assertThat(body(again).get("detail").asString()).contains("disabled");
		assertThat(
				post("/api/auth/refresh", "{\"refreshToken\":\"" + session.get("refreshToken").asString() + "\"}", null)
					.statusCode())
			.isEqualTo(403);

		assertThat(post("/api/admin/users/" + id + "/enable", null, adminToken()).statusCode()).isEqualTo(200);
		assertThat(this.redis.hasKey("auth:user-disabled:" + id)).isFalse();
		assertThat(post("/api/auth/wechat/login", "{\"code\":\"mock-" + name + "-3\"}", null).statusCode())
			.isEqualTo(200);
	}

	@Test
	void anAdminCannotDisableThemselvesAndAUserCannotDisableAnyone() {
		JsonNode admin = body(post("/api/admin/auth/login",
				"{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null));
		String self = admin.get("user").get("id").asString();
		assertThat(
				post("/api/admin/users/" + self + "/disable", null, admin.get("accessToken").asString()).statusCode())
			.isEqualTo(409);
		String user = login("mock-fred" + UUID.randomUUID().toString().substring(0, 8) + "-1").get("accessToken")
			.asString();
		assertThat(post("/api/admin/users/" + self + "/disable", null, user).statusCode()).isEqualTo(403);
		assertThat(post("/api/admin/users/999999999/disable", null, admin.get("accessToken").asString()).statusCode())
			.isEqualTo(404);
	}

	private String adminToken() {
		return body(
				post("/api/admin/auth/login", "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null))
			.get("accessToken")
			.asString();
	}

}
