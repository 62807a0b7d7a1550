package io.minibase.auth.admin;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import io.minibase.auth.AuthIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class AdminLoginIT extends AuthIntegrationTest {

	@Test
	void theConfiguredAdminLogsInWithItsPasswordAndGetsATokenWithRoleAdmin() {
		HttpResponse<String> response = adminLogin("admin", ADMIN_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = body(response);
		assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(body.get("refreshToken").asString()).isNotBlank();
		assertThat(body.get("user").get("nickname").asString()).isEqualTo("admin");
		assertThat(roles(body.get("accessToken").asString())).containsExactly("ADMIN");
		assertThat(response.body()).doesNotContain(ADMIN_PASSWORD).doesNotContain("password");
		assertThat(get("/actuator/prometheus", null).body())
			.containsPattern("minibase_auth_logins_total\\{[^}]*kind=\"admin\",outcome=\"success\"");
	}

	@Autowired
	Admins admins;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theConfiguredPasswordReplacesAnOlderOneAtStart() {
		this.jdbc.update("UPDATE admin_credential SET password_hash = ? WHERE username = 'admin'",
				new BCryptPasswordEncoder().encode("an-older-password"));
		assertThat(adminLogin("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(401);

		this.admins.createFirstAdmin();

		assertThat(adminLogin("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
		assertThat(adminLogin("admin", "an-older-password").statusCode()).isEqualTo(401);
	}

	@Test
	void refreshingAnAdminSessionKeepsTheAdminRole() {
		JsonNode login = body(adminLogin("admin", ADMIN_PASSWORD));
		HttpResponse<String> refreshed = post("/api/auth/refresh",
				"{\"refreshToken\":\"" + login.get("refreshToken").asString() + "\"}", null);
		assertThat(refreshed.statusCode()).isEqualTo(200);
		assertThat(roles(body(refreshed).get("accessToken").asString())).containsExactly("ADMIN");
	}

	@Test
	void aWrongPasswordAndAnUnknownNameAreTheSame401() {
		HttpResponse<String> wrongPassword = adminLogin("admin", "not-the-password");
		HttpResponse<String> unknownName = adminLogin("nobody-" + UUID.randomUUID(), ADMIN_PASSWORD);
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(unknownName.statusCode()).isEqualTo(401);
		assertThat(body(wrongPassword).get("detail")).isEqualTo(body(unknownName).get("detail"));
		assertThat(wrongPassword.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void afterTooManyFailuresAnAccountIsLockedWith429AndRetryAfter() {
		String name = "guessed-" + UUID.randomUUID();
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThat(adminLogin(name, "guess-" + attempt).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> locked = adminLogin(name, "guess-6");
		assertThat(locked.statusCode()).isEqualTo(429);
		assertThat(locked.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
	}

	@Test
	void missingCredentialsAre400WithTheFieldsNamed() {
		HttpResponse<String> response = post("/api/admin/auth/login", "{\"username\":\"admin\"}", null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"password\"");
	}

	@Test
	void aWeChatUsersTokenCarriesOnlyTheUserRole() {
		JsonNode login = login("mock-carol" + UUID.randomUUID().toString().substring(0, 8) + "-1");
		assertThat(roles(login.get("accessToken").asString())).containsExactly("USER");
	}

	private HttpResponse<String> adminLogin(String username, String password) {
		return post("/api/admin/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
				null);
	}

	private static java.util.List<String> roles(String accessToken) {
		String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
		JsonNode claims = json.readTree(payload);
		java.util.List<String> roles = new java.util.ArrayList<>();
		claims.get("roles").forEach((role) -> roles.add(role.asString()));
		return roles;
	}

}
