package io.minibase.auth.login;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.minibase.auth.AuthIntegrationTest;
import io.minibase.testsupport.EventSchemas;
import io.minibase.auth.wechat.SessionKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** WeChat login through every answer of the stub table in api.md. */
class WeChatLoginIT extends AuthIntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	SessionKeys sessionKeys;

	@Test
	void aRefreshTokenIsStoredByItsHashOnlyAndExpiresWithItsLifetime() throws Exception {
		JsonNode body = login("mock-keeper-1");
		String token = body.get("refreshToken").asString();
		String key = "auth:refresh:" + java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

		assertThat(this.redis.<String, String>opsForHash().entries(key)).containsEntry("spent", "0")
			.containsEntry("uid", body.get("user").get("id").asString())
			.containsKey("fid");
		// written with its expiry in one step: no refresh token without one (30 days)
		assertThat(this.redis.getExpire(key, java.util.concurrent.TimeUnit.SECONDS))
			.isBetween(Duration.ofDays(30).minusMinutes(1).toSeconds(), Duration.ofDays(30).toSeconds());
		assertThat(this.redis.keys("auth:refresh:*")).noneMatch((stored) -> stored.contains(token));
	}

	@Test
	void aFirstLoginCreatesTheUserAndPublishesUserRegistered() throws Exception {
		HttpResponse<String> response = post("/api/auth/wechat/login", "{\"code\":\"mock-alice-1\"}", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = body(response);
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("accessToken", "refreshToken", "tokenType",
				"expiresIn", "user");
		assertThat(body.get("user").propertyNames()).containsExactlyInAnyOrder("id", "nickname", "avatarUrl",
				"newUser");
		assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(body.get("expiresIn").asLong()).isEqualTo(900);
		assertThat(body.get("accessToken").asString()).isNotBlank();
		assertThat(body.get("refreshToken").asString()).isNotBlank();
		assertThat(body.get("user").get("newUser").asBoolean()).isTrue();
		assertNoWeChatSecrets(response);

		String userId = body.get("user").get("id").asString();
		assertThat(this.jdbc.queryForObject("SELECT event_type FROM outbox WHERE subject = ? AND topic = ?",
				String.class, userId, "auth.users.v1"))
			.isEqualTo("auth.UserRegistered.v1");
		String payload = this.jdbc.queryForObject(
				"SELECT payload FROM outbox WHERE subject = ? AND topic = 'auth.users.v1'", String.class, userId);
		assertThat(payload).contains("\"userId\":\"" + userId + "\"").doesNotContain("openid");
		EventSchemas.assertConforms("auth.UserRegistered.v1", payload);
		await("UserRegistered of user " + userId + " relayed to Kafka").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> published(userId));
	}

	@Test
	void theOpenidIsPublishedOnceOnItsOwnTopicForOrderServiceToPayWith() {
		String userId = login("mock-olga-1").get("user").get("id").asString();
		login("mock-olga-2");

		var rows = this.jdbc.queryForList("SELECT event_type, payload FROM outbox WHERE subject = ? AND topic = ?",
				userId, "auth.openids.v1");
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).get("event_type")).isEqualTo("auth.WeChatOpenidLinked.v1");
		String payload = (String) rows.get(0).get("payload");
		assertThat(payload).contains("\"openid\":\"mock-openid-olga\"", "\"appId\":\"wx-local-stack\"");
		EventSchemas.assertConforms("auth.WeChatOpenidLinked.v1", payload);
		// a user from before the openid was published is told at their next login
		this.jdbc.update("UPDATE app_user SET openid_published = FALSE WHERE id = ?", Long.parseLong(userId));
		login("mock-olga-3");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE subject = ? AND topic = ?",
				Integer.class, userId, "auth.openids.v1"))
			.isEqualTo(2);
	}

	@Test
	void anotherCodeOfTheSameWeChatUserLogsInTheSameUser() {
		JsonNode first = login("mock-erin-1");
		JsonNode second = login("mock-erin-2");

		assertThat(second.get("user").get("id").asString()).isEqualTo(first.get("user").get("id").asString());
		assertThat(second.get("user").get("newUser").asBoolean()).isFalse();
		assertThat(second.get("refreshToken").asString()).isNotEqualTo(first.get("refreshToken").asString());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE subject = ? AND event_type = ?",
				Integer.class, first.get("user").get("id").asString(), "auth.UserRegistered.v1"))
			.isEqualTo(1);
	}

	@Test
	void aCodeUsedTwiceIsRefused() {
		login("mock-bob-1");

		HttpResponse<String> again = post("/api/auth/wechat/login", "{\"code\":\"mock-bob-1\"}", null);

		assertProblem(again, 401);
	}

	@Test
	void anInvalidCodeIsRefused() {
		assertProblem(post("/api/auth/wechat/login", "{\"code\":\"mock-invalid-1\"}", null), 401);
	}

	@Test
	void weChatRateLimitingIsA429WithRetryAfter() {
		HttpResponse<String> response = post("/api/auth/wechat/login", "{\"code\":\"mock-ratelimited-1\"}", null);

		assertProblem(response, 429);
		assertThat(response.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
	}

	@Test
	void aBusyWeChatIsRetriedAndTheLoginSucceeds() {
		JsonNode body = login("mock-busy-1");

		assertThat(body.get("user").get("id").asString()).isNotBlank();
	}

	@Test
	void aMissingOrBlankCodeIsABadRequest() {
		HttpResponse<String> missing = post("/api/auth/wechat/login", "{}", null);
		assertProblem(missing, 400);
		assertThat(missing.body()).contains("\"errors\"").contains("\"field\":\"code\"");
		assertProblem(post("/api/auth/wechat/login", "{\"code\":\"  \"}", null), 400);
		assertProblem(post("/api/auth/wechat/login", null, null), 400);
	}

	@Test
	void theSessionKeyIsKeptEncryptedInRedis() {
		JsonNode body = login("mock-frank-1");
		long userId = Long.parseLong(body.get("user").get("id").asString());

		String sessionKey = this.sessionKeys.find(userId);
		assertThat(sessionKey).isNotBlank();
		String stored = this.redis.opsForValue().get("auth:wechat-session:" + userId);
		assertThat(stored).isNotNull().doesNotContain(sessionKey);
		assertThat(this.redis.getExpire("auth:wechat-session:" + userId)).isPositive();

		login("mock-frank-2");
		assertThat(this.sessionKeys.find(userId)).as("replaced on every login").isNotEqualTo(sessionKey);
	}

	@Test
	void aRefreshTokenIsSpentOnceAndItsReuseRevokesTheFamily() {
		JsonNode login = login("mock-carol-1");
		String first = login.get("refreshToken").asString();

		HttpResponse<String> refreshed = post("/api/auth/refresh", "{\"refreshToken\":\"" + first + "\"}", null);
		assertThat(refreshed.statusCode()).isEqualTo(200);
		JsonNode body = body(refreshed);
		String second = body.get("refreshToken").asString();
		assertThat(second).isNotEqualTo(first);
		assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(body.get("user").get("id").asString()).isEqualTo(login.get("user").get("id").asString());
		assertThat(body.get("user").get("newUser").asBoolean()).isFalse();
		assertNoWeChatSecrets(refreshed);

		assertProblem(post("/api/auth/refresh", "{\"refreshToken\":\"" + first + "\"}", null), 401);
		assertProblem(post("/api/auth/refresh", "{\"refreshToken\":\"" + second + "\"}", null), 401);
		assertProblem(get("/api/users/me", body.get("accessToken").asString()), 401);
	}

	@Test
	void anUnknownRefreshTokenIsRefused() {
		assertProblem(post("/api/auth/refresh", "{\"refreshToken\":\"no-such-token\"}", null), 401);
		assertProblem(post("/api/auth/refresh", "{}", null), 400);
	}

	@Test
	void afterLogoutTheAccessAndRefreshTokensStopWorking() {
		JsonNode login = login("mock-dave-1");
		String accessToken = login.get("accessToken").asString();
		assertThat(get("/api/users/me", accessToken).statusCode()).isEqualTo(200);

		HttpResponse<String> logout = post("/api/auth/logout", null, accessToken);

		assertThat(logout.statusCode()).isEqualTo(204);
		assertProblem(get("/api/users/me", accessToken), 401);
		assertProblem(
				post("/api/auth/refresh", "{\"refreshToken\":\"" + login.get("refreshToken").asString() + "\"}", null),
				401);
		// the keys the gateway reads (docs/events.md, "State shared outside Kafka"), as
		// it reads them: the token's jti and its refresh-token family, each expiring
		JsonNode claims = json.readTree(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
		assertThat(this.redis.getExpire("auth:denylist:" + claims.get("jti").asString())).isPositive();
		assertThat(this.redis.getExpire("auth:refresh-family-revoked:" + claims.get("fid").asString())).isPositive();
	}

	@Test
	void logoutWithoutATokenIsUnauthorized() {
		assertProblem(post("/api/auth/logout", null, null), 401);
	}

	@Test
	void theProfileCanBeReadAndChanged() {
		JsonNode login = login("mock-grace-1");
		String accessToken = login.get("accessToken").asString();

		HttpResponse<String> me = get("/api/users/me", accessToken);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(body(me).propertyNames()).containsExactlyInAnyOrder("id", "nickname", "avatarUrl", "createdAt",
				"phoneMasked");
		assertThat(body(me).get("id").asString()).isEqualTo(login.get("user").get("id").asString());
		assertThat(Instant.parse(body(me).get("createdAt").asString())).isBefore(Instant.now().plusSeconds(5));

		HttpResponse<String> changed = patch("/api/users/me",
				"{\"nickname\":\"小明 😀\",\"avatarUrl\":\"https://img.example.com/a.png\"}", accessToken);
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(body(changed).get("nickname").asString()).isEqualTo("小明 😀");
		assertThat(body(changed).get("avatarUrl").asString()).isEqualTo("https://img.example.com/a.png");

		HttpResponse<String> nicknameOnly = patch("/api/users/me", "{\"nickname\":\"Grace\"}", accessToken);
		assertThat(body(nicknameOnly).get("avatarUrl").asString()).isEqualTo("https://img.example.com/a.png");
		assertThat(body(get("/api/users/me", accessToken)).get("nickname").asString()).isEqualTo("Grace");
	}

	@Test
	void anInvalidProfileChangeIsABadRequestNamingTheFields() {
		String accessToken = login("mock-heidi-1").get("accessToken").asString();

		HttpResponse<String> response = patch("/api/users/me",
				"{\"nickname\":\"" + "x".repeat(33) + "\",\"avatarUrl\":\"http://insecure.example.com/a.png\"}",
				accessToken);

		assertProblem(response, 400);
		assertThat(response.body()).contains("\"field\":\"nickname\"").contains("\"field\":\"avatarUrl\"");
		assertProblem(patch("/api/users/me", "{\"nickname\":\"\"}", accessToken), 400);
	}

	@Test
	void theProfileNeedsAToken() {
		HttpResponse<String> response = get("/api/users/me", null);

		assertProblem(response, 401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
	}

	@Test
	void theJwksPublishesThePublicSigningKeyOnly() {
		HttpResponse<String> response = get("/.well-known/jwks.json", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode key = body(response).get("keys").get(0);
		assertThat(key.get("kty").asString()).isEqualTo("RSA");
		assertThat(key.get("alg").asString()).isEqualTo("RS256");
		assertThat(key.get("kid").asString()).isNotBlank();
		assertThat(key.has("n")).isTrue();
		// no private part of an RSA key (nor the d of an EC one)
		for (String secret : new String[] { "d", "p", "q", "dp", "dq", "qi" }) {
			assertThat(key.has(secret)).as(secret).isFalse();
		}
	}

	private boolean published(String userId) {
		Map<String, Object> row = this.jdbc
			.queryForMap("SELECT published_at FROM outbox WHERE subject = ? AND topic = 'auth.users.v1'", userId);
		return row.get("published_at") != null;
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":" + status);
		assertNoWeChatSecrets(response);
	}

	private static void assertNoWeChatSecrets(HttpResponse<String> response) {
		assertThat(response.body()).doesNotContain("session_key")
			.doesNotContain("sessionKey")
			.doesNotContain("openid")
			.doesNotContain("unionid")
			.doesNotContain("mock-openid");
	}

}
