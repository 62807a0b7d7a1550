package io.minibase.local;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.minibase.local.Gateway.get;
import static io.minibase.local.Gateway.post;
import static io.minibase.local.Gateway.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat login and tokens on the whole stack, through the gateway only: every row of the
 * WeChat stub's table (api.md) and the token failures a client can cause.
 */
@ExtendWith(SharedStack.class)
class AuthThroughTheGatewayIT {

	private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	@Test
	void aMockCodeLogsInAndTheSameCodeAgainIs401() throws Exception {
		String code = "mock-a" + RUN + "-1";
		HttpResponse<String> first = login(code);
		assertThat(first.statusCode()).isEqualTo(200);
		JsonNode body = Gateway.json.readTree(first.body());
		assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(body.get("user").get("newUser").asBoolean()).isTrue();
		assertThat(first.body()).doesNotContain("session_key", "sessionKey", "openid", "unionid");

		assertProblem(login(code), 401);
		// another code of the same WeChat user is the same user, no longer new
		JsonNode again = Gateway.json.readTree(login("mock-a" + RUN + "-2").body());
		assertThat(again.get("user").get("id").asString()).isEqualTo(body.get("user").get("id").asString());
		assertThat(again.get("user").get("newUser").asBoolean()).isFalse();
	}

	@Test
	void theStubsErrorRowsMapToTheirProblems() throws Exception {
		assertProblem(login("mock-invalid-" + RUN), 401);
		HttpResponse<String> limited = login("mock-ratelimited-" + RUN);
		assertProblem(limited, 429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		// busy once, then WeChat answers: auth-service's retry makes it a success
		assertThat(login("mock-busy-" + RUN).statusCode()).isEqualTo(200);
		assertProblem(send(post("/api/auth/wechat/login", null, "{\"code\":\" \"}")), 400);
	}

	@Test
	void aRefreshTokenWorksOnceAndItsReuseRevokesTheFamily() throws Exception {
		JsonNode login = Gateway.json.readTree(login("mock-r" + RUN + "-1").body());
		String refresh = login.get("refreshToken").asString();
		HttpResponse<String> refreshed = refresh(refresh);
		assertThat(refreshed.statusCode()).isEqualTo(200);
		String newAccess = Gateway.json.readTree(refreshed.body()).get("accessToken").asString();
		assertThat(send(get("/api/users/me", newAccess)).statusCode()).isEqualTo(200);

		assertProblem(refresh(refresh), 401);
		// the whole family is revoked: the token refreshed from it stops working too
		assertProblem(send(get("/api/users/me", newAccess)), 401);
	}

	@Test
	void afterLogoutTheAccessTokenIsRefusedOnTheNextRequest() throws Exception {
		String access = Gateway.json.readTree(login("mock-l" + RUN + "-1").body()).get("accessToken").asString();
		assertThat(send(get("/api/users/me", access)).statusCode()).isEqualTo(200);
		assertThat(send(post("/api/auth/logout", access, null)).statusCode()).isEqualTo(204);
		assertProblem(send(get("/api/users/me", access)), 401);
		assertProblem(send(get("/api/orders", access)), 401);
	}

	@Test
	void forgedTokensAreRefused() throws Exception {
		String access = Gateway.json.readTree(login("mock-f" + RUN + "-1").body()).get("accessToken").asString();
		String[] parts = access.split("\\.");
		String unsigned = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
		assertProblem(send(get("/api/users/me", unsigned)), 401);
		// the payload changed under the real signature (another user id)
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replaceFirst("\"sub\":\"[0-9]+\"", "\"sub\":\"1\"");
		assertProblem(send(get("/api/users/me", parts[0] + "." + base64(payload) + "." + parts[2])), 401);
		assertProblem(send(get("/api/users/me", "not-a-jwt")), 401);
	}

	@Test
	void noResponseOrLogLineEverHoldsASessionKey() throws Exception {
		login("mock-s" + RUN + "-1");
		List<Path> logs;
		try (Stream<Path> files = Files.list(SharedStack.logDir())) {
			logs = files.filter((file) -> file.toString().endsWith(".log")).toList();
		}
		assertThat(logs).isNotEmpty();
		for (Path log : logs) {
			assertThat(Files.readString(log)).as(log.toString()).doesNotContain("session_key\":\"");
		}
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static HttpResponse<String> login(String code) throws Exception {
		return send(post("/api/auth/wechat/login", null, "{\"code\":\"" + code + "\"}"));
	}

	private static HttpResponse<String> refresh(String token) throws Exception {
		return send(post("/api/auth/refresh", null, "{\"refreshToken\":\"" + token + "\"}"));
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Gateway.json.readTree(response.body()).get("traceId").asString())
			.isEqualTo(response.headers().firstValue("X-Trace-Id").orElseThrow());
	}

}
