package io.minibase.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway with every service down: nothing listens where the routes point.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
class GatewayWithServicesDownTest {

	private static final String TRACE_HEADER = "X-Trace-Id";

	private static final String TRACE_ID = "[0-9a-f]{32}";

	@Autowired
	private WebTestClient client;

	@LocalManagementPort
	private int managementPort;

	private static final TestTokens tokens = TestTokens.generate("test-key-1");

	// Only the keys of auth-service are served, as if it had just gone down.
	private static final StubService jwks = StubService.startOnFreePort();

	@DynamicPropertySource
	static void servicesThatAreDown(DynamicPropertyRegistry registry) {
		String nowhere = "http://127.0.0.1:" + StubService.freePort();
		for (String service : new String[] { "AUTH", "CATALOG", "ORDER", "FILE" }) {
			registry.add(service + "_SERVICE_URL", () -> nowhere);
		}
		jwks.answer(new StubService.Answer(200, "application/jwk-set+json", tokens.jwks(), Map.of()));
		registry.add("gateway.token.jwk-set-uri", () -> jwks.url() + "/.well-known/jwks.json");
	}

	@AfterAll
	static void stopJwks() {
		jwks.stop();
	}

	@Test
	void aServiceThatIsDownAnswers503ProblemWithinASecond() {
		// The first call through the gateway loads the client classes; not what we time.
		this.client.get().uri("/v3/api-docs/order").exchange().expectStatus().isEqualTo(503);

		long start = System.nanoTime();
		ResponseSpec response = this.client.get().uri("/api/catalog/categories").exchange();
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(took).isLessThan(Duration.ofSeconds(1));
		expectUnavailable(response, "catalog", "/api/catalog/categories");
	}

	@Test
	void placingAnOrderWhileTheOrderServiceIsDownAnswers503Problem() {
		ResponseSpec response = this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.user("42"))
			.header("Idempotency-Key", "key-12345678")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"productId\":\"1\",\"quantity\":1}]}")
			.exchange();

		expectUnavailable(response, "order", "/api/orders");
	}

	@Test
	void uploadingWhileTheFileServiceIsDownAnswersTheSame503Problem() {
		MultipartBodyBuilder multipart = new MultipartBodyBuilder();
		multipart.part("file", new byte[] { (byte) 0x89, 'P', 'N', 'G' }).filename("a.png");

		ResponseSpec response = this.client.post()
			.uri("/api/files")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.user("42"))
			.body(BodyInserters.fromMultipartData(multipart.build()))
			.exchange();

		expectUnavailable(response, "file", "/api/files");
	}

	@Test
	void placingAnOrderWithoutATokenAnswers401ProblemBeforeTheServiceIsAsked() {
		ResponseSpec response = this.client.post()
			.uri("/api/orders")
			.header("Idempotency-Key", "key-12345678")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"productId\":\"1\",\"quantity\":1}]}")
			.exchange();

		response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		expectProblem(response, 401, "Unauthorized", "/api/orders");
	}

	@Test
	void theApiDocsOfAServiceThatIsDownAnswer503Problem() {
		expectUnavailable(this.client.get().uri("/v3/api-docs/auth").exchange(), "auth", "/v3/api-docs/auth");
	}

	@Test
	void anUnknownPathAnswers404Problem() {
		expectProblem(this.client.get().uri("/nope").exchange(), 404, "Not Found", "/nope");
	}

	@Test
	void theActuatorIsNotReachableOnThePublicPort() {
		expectProblem(this.client.get().uri("/actuator/health").exchange(), 404, "Not Found", "/actuator/health");
		expectProblem(this.client.get().uri("/actuator/prometheus").exchange(), 404, "Not Found",
				"/actuator/prometheus");
	}

	@Test
	void healthProbesAndPrometheusAreServedOnTheManagementPort() {
		WebTestClient management = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			.build();

		management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		management.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("jvm_memory_used_bytes"));
	}

	@Test
	void theFallbackIsNotReachableDirectly() {
		expectProblem(this.client.get().uri("/fallback/catalog").exchange(), 404, "Not Found", "/fallback/catalog");
	}

	@Test
	void aWrongMethodOnAGatewayEndpointAnswers405Problem() {
		ResponseSpec response = this.client.post().uri("/v3/api-docs/swagger-config").exchange();

		response.expectHeader().valueEquals(HttpHeaders.ALLOW, "GET");
		expectProblem(response, 405, "Method Not Allowed", "/v3/api-docs/swagger-config");
	}

	@Test
	void theSwaggerUiListsTheApiDocsOfTheFourServices() {
		this.client.get()
			.uri("/swagger-ui.html")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, "/swagger-ui/index.html");
		this.client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls[*].name")
			.value(new ParameterizedTypeReference<List<String>>() {
			}, (names) -> assertThat(names).containsExactlyInAnyOrder("auth", "catalog", "order", "file"))
			.jsonPath("$.urls[?(@.name == 'catalog')].url")
			.isEqualTo("/v3/api-docs/catalog");
	}

	@Test
	void theGatewayHasNoApiDocsOfItsOwn() {
		expectProblem(this.client.get().uri("/v3/api-docs").exchange(), 404, "Not Found", "/v3/api-docs");
	}

	private static void expectUnavailable(ResponseSpec response, String service, String path) {
		response.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5");
		expectProblem(response, 503, "Service Unavailable", path,
				(detail) -> assertThat(detail).isEqualTo(service + " is unavailable, try again shortly"));
	}

	private static void expectProblem(ResponseSpec response, int status, String title, String path) {
		expectProblem(response, status, title, path, (detail) -> {
		});
	}

	private static void expectProblem(ResponseSpec response, int status, String title, String path,
			Consumer<String> detail) {
		ProblemAssertions.expectProblem(response, status, title, path, (text) -> {
			assertThat(text).doesNotContain("127.0.0.1");
			detail.accept(text);
		});
	}

}
