package io.minibase.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway when Redis does not answer: protected routes fail closed (a revoked token
 * cannot be told apart), public routes go on (the rate limiter fails open).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
class GatewayWithRedisDownTest {

	private static final TestTokens tokens = TestTokens.generate("test-key-1");

	private static final StubService auth = StubService.startOnFreePort();

	private static final StubService services = StubService.startOnFreePort();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void redisIsDown(DynamicPropertyRegistry registry) {
		registry.add("REDIS_PORT", StubService::freePort);
		StubService.routeTo(registry, auth, services);
	}

	@BeforeEach
	void servicesAreUp() {
		StubService.upWithJwks(auth, services, tokens);
	}

	@AfterAll
	static void stopStubs() {
		auth.stop();
		services.stop();
	}

	@Test
	void aProtectedRouteAnswers503ProblemEvenWithAValidToken() {
		this.client.get()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.user("42"))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Service Unavailable")
			.jsonPath("$.instance")
			.isEqualTo("/api/orders")
			.jsonPath("$.traceId")
			.exists();

		assertThat(services.received()).isEmpty();
	}

	@Test
	void aPublicRouteIsServedWithoutRateLimitingWithOrWithoutAToken() {
		this.client.get().uri("/api/catalog/products").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/api/catalog/categories")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.user("42"))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(services.received()).extracting(StubService.Received::uri)
			.containsExactly("/api/catalog/products", "/api/catalog/categories");
	}

}
