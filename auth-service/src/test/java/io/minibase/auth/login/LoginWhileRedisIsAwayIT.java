package io.minibase.auth.login;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.minibase.auth.AuthIntegrationTest;
import io.minibase.localservers.LocalInfra;
import io.minibase.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away under a running auth-service (it keeps session keys and refresh tokens
 * there): a login is a 503 problem with Retry-After at once, never a 500 after the
 * command timeout (set to a minute here, so only not waiting can pass), and logins work
 * again by themselves when Redis is back.
 */
class LoginWhileRedisIsAwayIT extends AuthIntegrationTest {

	private static final TcpProxy redis = new TcpProxy(LocalInfra.forTests().redis().port()).start();

	@DynamicPropertySource
	static void redisThroughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", redis::port);
		registry.add("spring.data.redis.timeout", () -> "60s");
	}

	@AfterEach
	void redisIsBack() {
		redis.start();
	}

	@AfterAll
	static void stopTheProxy() {
		redis.stop();
	}

	@Test
	void aLoginWhileRedisIsAwayIsA503AndLoginsHealByThemselves() {
		login("mock-redisaway-1");

		redis.stop();
		HttpResponse<String> refused = post("/api/auth/wechat/login", "{\"code\":\"mock-redisaway-2\"}", null);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(body(refused).get("traceId").asString()).isNotBlank();

		redis.start();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> post("/api/auth/wechat/login", "{\"code\":\"mock-redisaway-3-" + System.nanoTime() + "\"}",
					null)
				.statusCode() == 200);
	}

}
