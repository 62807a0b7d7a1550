package io.minibase.gateway;

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

/**
 * The gateway when auth-service, and so its JWKS, cannot be reached.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
class GatewayWithAuthServiceDownTest {

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void authServiceIsDown(DynamicPropertyRegistry registry) {
		registry.add("AUTH_SERVICE_URL", () -> "http://127.0.0.1:" + StubService.freePort());
	}

	@Test
	void aTokenThatCannotBeCheckedAnswers503ProblemNot401() {
		// 401 would tell the client to log in again, which cannot help
		this.client.get()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.generate("test-key-1").user("42"))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectBody()
			.jsonPath("$.instance")
			.isEqualTo("/api/orders");
	}

}
