package io.minibase.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every refusal a client can meet, walked through both entries a shop runs (the gateway,
 * and nginx with TLS in front of it), whichever layer answers it: nginx's own pages,
 * Netty's codec, the gateway's security, rate limits and routes, Spring Security's
 * filters and Tomcat in the services. Each is problem+json with the status in its body
 * and a trace id in {@code X-Trace-Id} that the body repeats. (The 503 of a service or
 * the gateway being down: LocalStackIT and NginxIT.) And while a dependency is away
 * (Redis, MariaDB, WeChat, Kafka): what needs it is a quick 503 with {@code Retry-After},
 * what does not still answers, and all of it heals by itself when it is back.
 */
@ExtendWith(SharedStack.class)
class ErrorWalkIT {

	private static String user;

	@BeforeAll
	static void logIn() throws Exception {
		user = Gateway.login("mock-walker-1");
	}

	static Stream<String> entries() {
		return Stream.of("gateway", "nginx");
	}

	@ParameterizedTest
	@MethodSource("entries")
	void everyRefusalIsAProblemWithATraceId(String entry) throws Exception {
		Entry to = Entry.of(entry);
		// routes and security (the gateway)
		to.assertProblem(to.send(to.request("/api/nope").GET()), 404);
		to.assertProblem(to.send(to.request("/api/orders").GET()), 401);
		to.assertProblem(to.send(to.request("/api/admin/catalog/categories")
			.header("Authorization", "Bearer " + user)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"name\":\"x\"}"))), 403);
		// the services (Spring MVC, Tomcat)
		to.assertProblem(
				to.send(to.request("/api/catalog/categories").header("Authorization", "Bearer " + user).DELETE()), 405);
		// too many: WeChat's own limit on logins, passed on (the gateway's limiter:
		// GatewaySecurityTest#loggingInTooOftenFromOneAddressAnswers429ProblemWithRetryAfter)
		to.assertProblem(to.send(to.request("/api/auth/wechat/login")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"code\":\"mock-ratelimited-" + entry + System.nanoTime() + "\"}"))), 429);
		to.assertProblem(to.send(upload(to, "file", "not an image".getBytes(StandardCharsets.UTF_8))), 415);
		// too large: nginx's own limit, or file-service's behind the gateway
		to.assertProblem(to.send(upload(to, "file", new byte[12 * 1024 * 1024])), 413);
		// what cannot be read: nginx's pages, or the gateway's Netty codec
		to.assertProblem(to.send(to.request("/api/catalog/products?q=" + "a".repeat(9000)).GET()), 414);
		to.assertProblem(to.send(to.request("/api/catalog/categories").header("X-Padding", "p".repeat(9000)).GET()),
				431);
	}

	@Test
	void whileRedisIsAwayWhatNeedsItIs503AndItHealsWhenRedisIsBack() throws Exception {
		List<Entry> entries = List.of(Entry.of("gateway"), Entry.of("nginx"));
		SharedStack.stack().infra().stopRedis();
		try {
			for (Entry to : entries) {
				// the gateway cannot tell whether a token was revoked: it fails closed
				HttpResponse<String> orders = to
					.send(to.request("/api/orders").header("Authorization", "Bearer " + user).GET());
				to.assertProblem(orders, 503);
				assertThat(orders.headers().firstValue("Retry-After")).as(to.name()).isPresent();
				// a login cannot keep its WeChat session key
				to.assertProblem(
						to.send(to.request("/api/auth/wechat/login")
							.header("Content-Type", "application/json")
							.POST(BodyPublishers.ofString("{\"code\":\"mock-walker-" + System.nanoTime() + "\"}"))),
						503);
				// the catalog reads MySQL past its cache
				assertThat(to.send(to.request("/api/catalog/categories").GET()).statusCode()).as(to.name())
					.isEqualTo(200);
			}
		}
		finally {
			SharedStack.stack().infra().startRedis();
		}
		healed(entries);
	}

	@Test
	void whileMariaDbIsAwayWhatNeedsItIs503QuicklyAndItHealsWhenItIsBack() throws Exception {
		List<Entry> entries = List.of(Entry.of("gateway"), Entry.of("nginx"));
		SharedStack.database().stop();
		try {
			for (Entry to : entries) {
				// each service answers for itself: order-service, auth-service, and
				// catalog past its caches (a category no one asked for before)
				List<HttpRequest.Builder> needDatabase = List.of(
						to.request("/api/orders").header("Authorization", "Bearer " + user).GET(),
						to.request("/api/auth/wechat/login")
							.header("Content-Type", "application/json")
							.POST(BodyPublishers.ofString("{\"code\":\"mock-walker-" + System.nanoTime() + "\"}")),
						to.request("/api/catalog/products?categoryId=" + (900_000 + System.nanoTime() % 99_999)).GET());
				for (HttpRequest.Builder request : needDatabase) {
					long started = System.nanoTime();
					HttpResponse<String> answer = to.send(request);
					long millis = (System.nanoTime() - started) / 1_000_000;
					to.assertProblem(answer, 503);
					assertThat(answer.headers().firstValue("Retry-After")).as(to.name()).isPresent();
					System.out.printf("MariaDB drill: %s %s -> %d in %d ms%n", to.name(), answer.uri(),
							answer.statusCode(), millis);
				}
			}
		}
		finally {
			SharedStack.database().start();
		}
		healed(entries);
	}

	@Test
	void whileWeChatIsDownALoginIs503WithRetryAfterAndItHealsWhenWeChatIsBack() throws Exception {
		List<Entry> entries = List.of(Entry.of("gateway"), Entry.of("nginx"));
		// WeChat's own outage answer (errcode -1) on every call, until it is back; an
		// unreachable WeChat is the same 503 (auth-service WeChatClientTest)
		SharedStack.stack().weChatStub().busy(true);
		try {
			for (Entry to : entries) {
				HttpResponse<String> login = to.send(to.request("/api/auth/wechat/login")
					.header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString("{\"code\":\"mock-walker-" + System.nanoTime() + "\"}")));
				to.assertProblem(login, 503);
				assertThat(login.headers().firstValue("Retry-After")).as(to.name()).isPresent();
				// what does not need WeChat still answers
				assertThat(
						to.send(to.request("/api/orders").header("Authorization", "Bearer " + user).GET()).statusCode())
					.as(to.name())
					.isEqualTo(200);
			}
		}
		finally {
			SharedStack.stack().weChatStub().busy(false);
		}
		healed(entries);
	}

	/**
	 * No buyer's call needs Kafka (an event is written with its change, in the outbox,
	 * and relayed later: OrdersThroughTheGatewayIT's drill); an operator's dead-letter
	 * call is the one that asks the broker, and it is a quick 503.
	 */
	@Test
	void whileKafkaIsAwayAnOperatorsDeadLetterCallIs503AndBuyersDoNotNotice() throws Exception {
		assumeTrue(SharedStack.stack().infra().startedKafka(), "the stack uses a Kafka broker it did not start");
		List<Entry> entries = List.of(Entry.of("gateway"), Entry.of("nginx"));
		String admin = Gateway.json
			.readTree(
					Gateway
						.send(Gateway.post("/api/admin/auth/login", null,
								"{\"username\":\"admin\",\"password\":\"" + SharedStack.adminPassword() + "\"}"))
						.body())
			.get("accessToken")
			.asString();
		SharedStack.stack().infra().crashKafka();
		try {
			for (Entry to : entries) {
				HttpResponse<String> waiting = to
					.send(to.request("/api/admin/dead-letters/order").header("Authorization", "Bearer " + admin).GET());
				to.assertProblem(waiting, 503);
				assertThat(waiting.headers().firstValue("Retry-After")).as(to.name()).isPresent();
				assertThat(
						to.send(to.request("/api/orders").header("Authorization", "Bearer " + user).GET()).statusCode())
					.as(to.name())
					.isEqualTo(200);
			}
		}
		finally {
			SharedStack.stack().infra().restartKafka();
		}
		healed(entries);
		for (Entry to : entries) {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> to
					.send(to.request("/api/admin/dead-letters/order").header("Authorization", "Bearer " + admin).GET())
					.statusCode() == 200);
		}
	}

	/** Orders answer again through every entry, and a buyer can log in. */
	private void healed(List<Entry> entries) throws Exception {
		for (Entry to : entries) {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> to.send(to.request("/api/orders").header("Authorization", "Bearer " + user).GET())
					.statusCode() == 200);
		}
		assertThat(Gateway.login("mock-walker-" + System.nanoTime())).isNotBlank();
	}

	private static HttpRequest.Builder upload(Entry to, String field, byte[] content) {
		String boundary = "walk" + System.nanoTime();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
				+ "\"; filename=\"x.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		return to.request("/api/files")
			.header("Authorization", "Bearer " + user)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofByteArray(content),
					BodyPublishers.ofByteArray(tail)));
	}

	/** An entry of the stack and the client that reaches it. */
	private record Entry(String name, String base, HttpClient http) {

		static Entry of(String name) throws Exception {
			LocalStack stack = SharedStack.stack();
			if (name.equals("gateway")) {
				return new Entry(name, stack.gatewayUrl(),
						HttpClient.newBuilder()
							.version(HttpClient.Version.HTTP_1_1)
							.connectTimeout(Duration.ofSeconds(2))
							.build());
			}
			Nginx nginx = SharedStack.nginx();
			return new Entry(name, nginx.url(), NginxIT.https(nginx, HttpClient.Version.HTTP_1_1));
		}

		HttpRequest.Builder request(String path) {
			return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
		}

		HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			return this.http.send(request.build(), BodyHandlers.ofString());
		}

		void assertProblem(HttpResponse<String> response, int status) {
			String what = this.name + " " + response.request().method() + " " + response.request().uri().getPath();
			assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(status);
			assertThat(response.headers().firstValue("Content-Type")).as(what)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			String traceId = response.headers()
				.firstValue("X-Trace-Id")
				.orElseThrow(() -> new AssertionError(what + ": no X-Trace-Id"));
			assertThat(traceId).as(what).matches("[0-9a-f]{32}");
			JsonNode problem = Gateway.json.readTree(response.body());
			assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
			assertThat(problem.get("traceId").asString()).as(what).isEqualTo(traceId);
		}

	}

}
