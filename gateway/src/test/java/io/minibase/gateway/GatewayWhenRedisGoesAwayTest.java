package io.minibase.gateway;

import java.time.Duration;

import io.minibase.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Redis going away under a running gateway and coming back. The command timeout is set
 * far beyond the client's patience here: the answers below come because the gateway does
 * not wait for Redis while it is known to be gone (RedisWhileDown), not because a timeout
 * ran out. Anonymous reads go on (the limiter fails open), token checks are 503 (they
 * fail closed), and both are back by themselves once Redis is.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "spring.data.redis.timeout=60s" })
@AutoConfigureWebTestClient
class GatewayWhenRedisGoesAwayTest {

	private static final TestTokens tokens = TestTokens.generate("test-key-1");

	private static final StubService auth = StubService.startOnFreePort();

	private static final StubService services = StubService.startOnFreePort();

	private static final TcpProxy redis = new TcpProxy(6379).start();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void stubs(DynamicPropertyRegistry registry) {
		registry.add("REDIS_PORT", redis::port);
		StubService.routeTo(registry, auth, services);
	}

	@BeforeEach
	void everythingIsUp() {
		StubService.upWithJwks(auth, services, tokens);
		redis.start();
		this.client = this.client.mutate().responseTimeout(Duration.ofSeconds(5)).build();
	}

	@AfterEach
	void redisIsBack() {
		redis.start();
	}

	@AfterAll
	static void stopStubs() {
		auth.stop();
		services.stop();
		redis.stop();
	}

	@Test
	void whileRedisIsAwayReadsGoOnAndTokenChecksAre503AtOnceAndBothHealByThemselves() {
		String token = tokens.user("42");
		// connected: the rate limiter and the revocation check have asked Redis
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> protectedRead(token).expectStatus().isOk());

		redis.stop();
		for (int i = 0; i < 20; i++) {
			publicRead().expectStatus().isOk();
			protectedRead(token).expectStatus().isEqualTo(503).expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5");
		}

		redis.start();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> protectedRead(token).expectStatus().isOk());
		publicRead().expectStatus().isOk().expectHeader().exists("X-RateLimit-Remaining");
	}

	private WebTestClient.ResponseSpec publicRead() {
		return this.client.get().uri("/api/catalog/products").header("X-Forwarded-For", "203.0.113.7").exchange();
	}

	private WebTestClient.ResponseSpec protectedRead(String token) {
		return this.client.get().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

}
