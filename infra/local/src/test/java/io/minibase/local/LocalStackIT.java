package io.minibase.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole stack, started by the launcher's own code on free ports with its state under
 * target/ (so it never touches a developer's running stack), seen only through the
 * gateway's HTTP API. Takes a minute or so: five Spring Boot JVMs (a JVM each, as the
 * drills need) start on a small box.
 */
@TestMethodOrder(OrderAnnotation.class)
@ExtendWith(SharedStack.class)
class LocalStackIT {

	private static final String TRACE_ID = "[0-9a-f]{32}";

	private static final ObjectMapper json = new ObjectMapper();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * One harmless request per routed prefix of api.md: whatever the service answers
	 * (400, 401, 404 ...), it is the service answering, not the gateway's 503.
	 */
	@Test
	@Order(1)
	void everyRoutedPrefixReachesItsService() throws Exception {
		List<HttpRequest> requests = List.of(post("/api/auth/wechat/login", "{}"), get("/api/users/me"),
				post("/api/admin/auth/login", "{}"), get("/api/catalog/categories"),
				post("/api/admin/catalog/categories", "{}"), get("/api/orders"), get("/api/orders/no-such-order"),
				post("/api/files", ""), get("/api/files/no-such-file"));
		for (HttpRequest request : requests) {
			HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s %s", request.method(), request.uri()).isLessThan(500);
			assertThat(response.headers().firstValue("X-Trace-Id")).as("X-Trace-Id of %s", request.uri())
				.hasValueSatisfying((id) -> assertThat(id).matches(TRACE_ID));
		}
	}

	@Test
	@Order(2)
	void theCategoriesAreAJsonArray() throws Exception {
		HttpResponse<String> response = http.send(get("/api/catalog/categories"), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(json.readTree(response.body()).isArray()).isTrue();
	}

	@Test
	@Order(3)
	void anUnknownRouteIsA404Problem() throws Exception {
		HttpResponse<String> response = http.send(get("/api/nope"), BodyHandlers.ofString());
		JsonNode problem = assertProblem(response, 404);
		assertThat(problem.get("instance").asString()).isEqualTo("/api/nope");
	}

	/**
	 * nginx with infra/nginx's TLS and proxy settings in front of the gateway, as on a
	 * server: HTTP/2 over TLS, the answer and its trace id come through.
	 */
	@Test
	@Order(3)
	void theApiAnswersOverHttpsThroughNginx() throws Exception {
		Nginx nginx = SharedStack.nginx();
		HttpClient https = NginxIT.https(nginx, HttpClient.Version.HTTP_2);
		HttpResponse<String> response = https.send(
				HttpRequest.newBuilder(URI.create(nginx.url() + "/api/catalog/categories")).build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(json.readTree(response.body()).isArray()).isTrue();
		assertThat(response.headers().firstValue("X-Trace-Id"))
			.hasValueSatisfying((id) -> assertThat(id).matches(TRACE_ID));
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
	}

	@ParameterizedTest
	@Order(4)
	@ValueSource(strings = { "/actuator/health", "/actuator", "/actuator/prometheus" })
	void actuatorIsNeverReachableThroughTheGateway(String path) throws Exception {
		HttpResponse<String> response = http.send(get(path), BodyHandlers.ofString());
		assertProblem(response, 404);
	}

	/** Nor by smuggling dot segments past a routed prefix to a service's actuator. */
	@ParameterizedTest
	@Order(4)
	@ValueSource(strings = { "/api/catalog/../actuator/health", "/api/catalog/%2e%2e/actuator/health",
			"/api/catalog/..%2factuator/health", "/api/orders/..;/actuator/health" })
	void aServicesActuatorCannotBeReachedByDotSegments(String path) throws Exception {
		HttpResponse<String> response = http.send(get(path), BodyHandlers.ofString());
		assertThat(response.statusCode()).isBetween(400, 499);
		assertThat(response.body()).doesNotContain("\"UP\"");
	}

	@Test
	@Order(5)
	void swaggerUiServesEveryServicesApi() throws Exception {
		HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
		HttpResponse<String> ui = following.send(get("/swagger-ui.html"), BodyHandlers.ofString());
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).containsIgnoringCase("swagger");

		for (String service : List.of("auth", "catalog", "order", "file")) {
			HttpResponse<String> docs = http.send(get("/v3/api-docs/" + service), BodyHandlers.ofString());
			assertThat(docs.statusCode()).as("/v3/api-docs/" + service).isEqualTo(200);
			assertThat(json.readTree(docs.body()).has("openapi")).as("/v3/api-docs/" + service).isTrue();
		}
	}

	@Test
	@Order(6)
	void aServiceThatDiesIsA503AtOnceAndItsRouteHealsWhenItIsBackWithoutTouchingTheGateway() throws Exception {
		long gatewayPid = SharedStack.stack().process(LocalStack.GATEWAY).orElseThrow().pid();
		ProcessHandle files = SharedStack.stack().process("file-service").orElseThrow();
		files.destroyForcibly();
		files.onExit().get(10, TimeUnit.SECONDS);

		Instant asked = Instant.now();
		HttpResponse<String> down = http.send(get("/api/files/no-such-file"), BodyHandlers.ofString());
		Duration took = Duration.between(asked, Instant.now());
		assertProblem(down, 503);
		assertThat(took).isLessThan(Duration.ofSeconds(1));
		assertThat(down.headers().firstValue("Retry-After")).isPresent();
		// the gateway's 503 passes through nginx as it is
		Nginx nginx = SharedStack.nginx();
		HttpResponse<String> downThroughNginx = NginxIT.https(nginx, HttpClient.Version.HTTP_2)
			.send(HttpRequest.newBuilder(URI.create(nginx.url() + "/api/files/no-such-file")).build(),
					BodyHandlers.ofString());
		assertProblem(downThroughNginx, 503);
		assertThat(downThroughNginx.headers().firstValue("Retry-After")).isPresent();

		SharedStack.stack().restart("file-service");
		await().alias("file-service's own 404 after it is back")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> http.send(get("/api/files/no-such-file"), BodyHandlers.discarding()).statusCode() == 404);
		assertThat(SharedStack.stack().process(LocalStack.GATEWAY).orElseThrow().pid()).isEqualTo(gatewayPid);
	}

	private static JsonNode assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("instance").asString()).isNotBlank();
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		assertThat(traceId).matches(TRACE_ID);
		assertThat(problem.get("traceId").asString()).isEqualTo(traceId);
		return problem;
	}

	private static HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build();
	}

	private static HttpRequest post(String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build();
	}

	private static URI uri(String path) {
		return URI.create(SharedStack.stack().gatewayUrl() + path);
	}

}
