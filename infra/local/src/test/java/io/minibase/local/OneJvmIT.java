package io.minibase.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.minibase.testsupport.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack with the gateway and the services in one JVM (MINIBASE_ONE_JVM, OneJvm and
 * infra/box), as the small box runs it: one process serves them all, each keeps its own
 * configuration, schema, migrations and routes, and a buyer's order goes the whole way
 * through the gateway, Kafka and back.
 */
class OneJvmIT {

	private static final ObjectMapper json = new ObjectMapper();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private static LocalStack stack;

	private static StackSettings settings;

	@BeforeAll
	static void startTheStackInOneJvm() {
		Map<String, String> env = new HashMap<>(System.getenv());
		env.put("MINIBASE_ONE_JVM", "true");
		// apart from the other stacks and tests on the same Redis
		env.put("REDIS_DATABASE", String.valueOf(TestNamespace.current().redisDatabase(3)));
		settings = StackSettings.forDeveloper(StackSettings.findRepoRoot(Path.of(""), System.getenv()), env)
			.withHome(Path.of("target", "one-jvm-it"))
			.withPorts(StackPorts.any())
			.withRandomPortsForEmbedded()
			.withSchemaSuffix(TestNamespace.current().schemaSuffix("_box"));
		stack = new LocalStack(settings, System.out);
		stack.start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void oneProcessServesTheGatewayAndEveryService() {
		long gateway = stack.process("gateway").orElseThrow().pid();
		for (String service : List.of("auth-service", "catalog-service", "order-service", "file-service")) {
			assertThat(stack.process(service).orElseThrow().pid()).as(service).isEqualTo(gateway);
		}
	}

	@Test
	void eachApplicationStartsOnceAndLogsEachLineOnce() throws Exception {
		List<String> log = Files.readAllLines(settings.logDir().resolve(OneJvm.NAME + ".log"));
		// one console appender: a second one would print every line twice
		assertThat(log.stream().filter((line) -> line.contains("Started application"))).hasSize(5);
		assertThat(log.stream().filter((line) -> line.contains("Application run failed"))).isEmpty();
	}

	@Test
	void aBuyerOrdersAndPaysThroughTheGatewayAsWithAJvmPerService() throws Exception {
		String admin = field(send(post("/api/admin/auth/login", null,
				"{\"username\":\"admin\",\"password\":\"" + adminPassword() + "\"}"), 200), "accessToken");
		String category = field(
				send(post("/api/admin/catalog/categories", admin, "{\"name\":\"Box " + RUN + "\"}"), 201), "id");
		String product = field(send(post("/api/admin/catalog/products", admin, """
				{"name":"Tea %s","description":"one JVM","priceFen":1200,"stock":5,"categoryId":"%s"}""".formatted(RUN,
				category)), 201), "id");
		String buyer = field(send(post("/api/auth/wechat/login", null, "{\"code\":\"mock-box" + RUN + "-1\"}"), 200),
				"accessToken");

		HttpResponse<String> placed = send(
				HttpRequest
					.newBuilder(
							post("/api/orders", buyer,
									"{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":2}]}"),
							(name, value) -> true)
					.header("Idempotency-Key", "box-" + RUN)
					.header("Prefer", "wait=10")
					.build(),
				201);
		JsonNode order = json.readTree(placed.body());
		assertThat(order.get("status").asString()).as(placed.body()).isEqualTo("AWAITING_PAYMENT");
		assertThat(order.get("totalFen").asLong()).isEqualTo(2400);

		String id = order.get("id").asString();
		String prepay = json.readTree(send(post("/api/orders/" + id + "/pay", buyer, "{}"), 200).body())
			.get("requestPayment")
			.get("package")
			.asString()
			.substring("prepay_id=".length());
		// the buyer pays at the WeChat Pay stub, whose notify comes back through the
		// gateway
		HttpResponse<String> stubPaid = http.send(HttpRequest.newBuilder(URI.create(stack.payStubUrl() + "/stub/pay"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"prepayId\":\"" + prepay + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(stubPaid.statusCode()).as(stubPaid.body()).isEqualTo(200);
		HttpResponse<String> paid = send(
				HttpRequest.newBuilder(get("/api/orders/" + id + "?paid=true", buyer), (name, value) -> true)
					.header("Prefer", "wait=10")
					.build(),
				200);
		assertThat(json.readTree(paid.body()).get("status").asString()).as(paid.body()).isEqualTo("PAID");
		assertThat(json.readTree(send(get("/api/catalog/products/" + product, null), 200).body()).get("stock").asInt())
			.isEqualTo(3);
	}

	@Test
	void theGatewayKeepsItsOwnRoutesAndProblems() throws Exception {
		HttpResponse<String> unknown = send(get("/api/nope", null), 404);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		// no service's actuator is reachable through the gateway, one JVM or not
		send(get("/actuator/health", null), 404);
	}

	private static String adminPassword() throws Exception {
		return Files.readString(settings.home().resolve("admin-password")).strip();
	}

	private static HttpRequest get(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
		return ((token != null) ? request.header("Authorization", "Bearer " + token) : request).build();
	}

	private static HttpRequest post(String path, String token, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
		return ((token != null) ? request.header("Authorization", "Bearer " + token) : request).build();
	}

	private static HttpResponse<String> send(HttpRequest request, int expected) throws Exception {
		HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body())
			.isEqualTo(expected);
		return response;
	}

	private static String field(HttpResponse<String> response, String name) {
		return json.readTree(response.body()).get(name).asString();
	}

	private static URI uri(String path) {
		return URI.create(stack.gatewayUrl() + path);
	}

}
