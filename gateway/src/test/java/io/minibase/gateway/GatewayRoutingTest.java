package io.minibase.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway in front of a stand-in catalog service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
class GatewayRoutingTest {

	private static final StubService catalog = StubService.startOnFreePort();

	@Autowired
	private WebTestClient client;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void catalogService(DynamicPropertyRegistry registry) {
		registry.add("CATALOG_SERVICE_URL", catalog::url);
	}

	@BeforeEach
	void catalogIsUp() {
		catalog.reset();
	}

	@AfterAll
	static void stopCatalog() {
		catalog.stop();
	}

	@Test
	void aRequestReachesTheServiceWithItsPathAndQuery() {
		catalog.answer(new StubService.Answer(200, "application/json", "[{\"id\":\"1\",\"name\":\"Tea\"}]", Map.of()));

		this.client.get()
			.uri((uri) -> uri.path("/api/catalog/products").queryParam("size", 5).queryParam("q", "green tea").build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("[{\"id\":\"1\",\"name\":\"Tea\"}]");

		assertThat(catalog.received()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.uri()).isEqualTo("/api/catalog/products?size=5&q=green%20tea");
		});
	}

	@Test
	void theServiceContinuesTheTraceWhoseIdTheClientGets() {
		// A service answers with its own X-Trace-Id; the client must see the gateway's.
		catalog.answer(new StubService.Answer(200, "application/json", "[]",
				Map.of("X-Trace-Id", "ffffffffffffffffffffffffffffffff")));

		EntityExchangeResult<byte[]> result = this.client.get()
			.uri("/api/catalog/categories")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();

		List<String> traceIds = result.getResponseHeaders().get("X-Trace-Id");
		assertThat(traceIds).singleElement().asString().matches("[0-9a-f]{32}");
		String traceparent = catalog.received().get(0).traceparent();
		assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		assertThat(traceparent.split("-")[1]).isEqualTo(traceIds.get(0));
	}

	@Test
	void aServerErrorOfTheServiceIsPassedThroughAsItIs() {
		String problem = "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
				+ "\"detail\":\"catalog failed\",\"instance\":\"/api/catalog/categories\"}";
		catalog.answer(new StubService.Answer(500, "application/problem+json", problem, Map.of()));

		this.client.get()
			.uri("/api/catalog/categories")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.isEqualTo(problem);
	}

	@Test
	void aServiceThatComesBackIsRoutedAgainWithoutRestartingTheGateway() {
		catalog.stop();
		for (int i = 0; i < 10; i++) {
			this.client.get().uri("/api/catalog/categories").exchange().expectStatus().isEqualTo(503);
		}
		assertThat(this.circuitBreakers.circuitBreaker("catalog").getState()).isEqualTo(CircuitBreaker.State.OPEN);

		catalog.start();

		// the circuit lets a trial call through once its open wait is over
		await("status once the catalog is back").atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> status("/api/catalog/categories"), (status) -> status == 200);
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/api/catalog/categories").exchange().expectStatus().isOk();
		}
	}

	@Test
	void theApiDocsOfAServiceAreServedUnderItsName() {
		catalog.answer(new StubService.Answer(200, "application/json", "{\"openapi\":\"3.1.0\"}", Map.of()));

		this.client.get()
			.uri("/v3/api-docs/catalog")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.openapi")
			.isEqualTo("3.1.0");

		assertThat(catalog.received()).singleElement().satisfies((request) -> {
			assertThat(request.uri()).isEqualTo("/v3/api-docs");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/catalog/../../actuator/health", "/api/catalog/..;/..;/actuator/health",
			"/api/catalog/%2e%2e/%2E%2E/actuator/health", "/api/catalog/..%2f..%2factuator/health" })
	void aPathThatLeavesItsPrefixNeverReachesTheService(String path) {
		// An absolute URI, so that nothing between here and the gateway normalizes it.
		WebTestClient.bindToServer()
			.build()
			.get()
			.uri(URI.create("http://127.0.0.1:" + this.port + path))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(catalog.received()).isEmpty();
	}

	private int status(String path) {
		return this.client.get().uri(path).exchange().expectBody().returnResult().getStatus().value();
	}

}
