package io.minibase.gateway;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services that accept the request and then send nothing: the gateway gives up after its
 * response timeout (gateway.upstream.response-timeout, short here) and answers a problem
 * itself.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gateway.upstream.response-timeout=500ms" })
@AutoConfigureWebTestClient
class GatewayWithAHangingServiceTest {

	private static final StubService services = StubService.startOnFreePort();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void hangingServices(DynamicPropertyRegistry registry) {
		for (String service : new String[] { "CATALOG", "FILE" }) {
			registry.add(service + "_SERVICE_URL", services::url);
		}
	}

	@BeforeEach
	void servicesHang() {
		services.reset();
		services.delay(Duration.ofSeconds(5));
	}

	@AfterAll
	static void stopServices() {
		services.stop();
	}

	@Test
	void aRouteWithAFallbackAnswers503ProblemAfterTheTimeout() {
		long start = System.nanoTime();

		ProblemAssertions.expectProblem(this.client.get().uri("/api/catalog/products/1").exchange(), 503,
				"Service Unavailable", "/api/catalog/products/1", (detail) -> assertThat(detail).contains("catalog"));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void theFileRouteAnswers504ProblemAfterTheTimeout() {
		long start = System.nanoTime();

		ProblemAssertions.expectProblem(this.client.get().uri("/api/files/7").exchange(), 504, "Gateway Timeout",
				"/api/files/7", (detail) -> assertThat(detail).contains("did not answer in time"));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void aServiceThatAnswersWithinTheTimeoutIsForwarded() {
		services.delay(Duration.ofMillis(200));

		this.client.get().uri("/api/catalog/products/1").exchange().expectStatus().isOk();
	}

}
