package io.minibase.common.wechat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Retries only where WeChat says they are safe, a quick 503 otherwise, a circuit that
 * opens while WeChat keeps failing, and metrics per API and errcode.
 */
class WeChatApiTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void busyIsTriedAgainAndThenSucceeds() throws IOException {
		AtomicInteger calls = answering(List.of("{\"errcode\":-1,\"errmsg\":\"system error\"}",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"trace_id\":\"t\"}"));

		assertThat(call(api(baseUrl())).path("trace_id").asString()).isEqualTo("t");
		assertThat(calls).hasValue(2);
		assertThat(count("-1")).isEqualTo(1);
		assertThat(count("0")).isEqualTo(1);
	}

	@Test
	void busyOnEveryAttemptIsUnavailableAfterTheAttempts() throws IOException {
		AtomicInteger calls = answering(List.of("{\"errcode\":-1,\"errmsg\":\"system error\"}"));

		WeChatUnavailable unavailable = catchThrowableOfType(WeChatUnavailable.class, () -> call(api(baseUrl())));

		assertThat(calls).hasValue(3);
		assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
		assertThat(unavailable.getHeaders().getFirst("Retry-After")).isEqualTo("10");
	}

	@Test
	void anotherErrcodeIsNeverRetried() throws IOException {
		AtomicInteger calls = answering(List.of("{\"errcode\":43101,\"errmsg\":\"user refuse to accept the msg\"}"));

		WeChatError error = catchThrowableOfType(WeChatError.class, () -> call(api(baseUrl())));

		assertThat(error.errcode()).isEqualTo(43101);
		assertThat(error.api()).isEqualTo("test_api");
		assertThat(calls).hasValue(1);
		assertThat(count("43101")).isEqualTo(1);
	}

	@Test
	void anHttpServerErrorIsUnavailableWithoutRetry() throws IOException {
		AtomicInteger calls = answering(502, List.of("bad gateway"), Duration.ZERO);

		assertThatThrownBy(() -> call(api(baseUrl()))).isInstanceOf(WeChatUnavailable.class);
		assertThat(calls).hasValue(1);
		assertThat(count("http_502")).isEqualTo(1);
	}

	@Test
	void aTimedOutCallIsNotRepeatedForItMayHaveBeenApplied() throws IOException {
		AtomicInteger calls = answering(200, List.of("{\"errcode\":0}"), Duration.ofSeconds(2));

		long started = System.nanoTime();
		assertThatThrownBy(() -> call(api(baseUrl(), Duration.ofMillis(300)))).isInstanceOf(WeChatUnavailable.class);

		assertThat(calls).hasValue(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(count("io")).isEqualTo(1);
	}

	@Test
	void anUnreachableWeChatIsTriedAgainThenUnavailableQuickly() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		long started = System.nanoTime();

		assertThatThrownBy(() -> call(api("http://127.0.0.1:" + closedPort))).isInstanceOf(WeChatUnavailable.class);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		assertThat(count("io")).as("attempts").isEqualTo(3);
	}

	@Test
	void theCircuitOpensWhileWeChatKeepsFailingAndThenAnswersAtOnce() throws IOException {
		AtomicInteger calls = answering(503, List.of("busy"), Duration.ZERO);
		WeChatApi api = api(baseUrl());
		for (int i = 0; i < 10; i++) {
			assertThatThrownBy(() -> call(api)).isInstanceOf(WeChatUnavailable.class);
		}
		int before = calls.get();

		assertThatThrownBy(() -> call(api)).isInstanceOf(WeChatUnavailable.class);

		assertThat(calls).hasValue(before);
		assertThat(count("circuit_open")).isEqualTo(1);
		assertThat(this.meters.find("resilience4j.circuitbreaker.state")
			.tag("name", "wechat-api")
			.tag("state", "open")
			.gauge()
			.value()).isEqualTo(1.0);
	}

	@Test
	void userErrorsNeverOpenTheCircuit() throws IOException {
		AtomicInteger calls = answering(List.of("{\"errcode\":40029,\"errmsg\":\"invalid code\"}"));
		WeChatApi api = api(baseUrl());
		for (int i = 0; i < 25; i++) {
			assertThatThrownBy(() -> call(api)).isInstanceOf(WeChatError.class);
		}
		assertThat(calls).hasValue(25);
	}

	@Test
	void anImageAnswerIsReturnedAsBytesAndAJsonAnswerAsAnError() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
		this.server.createContext("/png", (exchange) -> respond(exchange, 200, "image/png", "PNGDATA"));
		this.server.createContext("/err", (exchange) -> respond(exchange, 200, "application/json",
				"{\"errcode\":41030,\"errmsg\":\"invalid page\"}"));
		this.server.start();
		WeChatApi api = api(baseUrl());

		WeChatApi.Answer png = api.exchange("code", "/png", null, Map.of(), true);
		assertThat(new String(png.bytes(), StandardCharsets.US_ASCII)).isEqualTo("PNGDATA");
		assertThat(png.contentType()).isEqualTo("image/png");
		assertThat(catchThrowableOfType(WeChatError.class, () -> api.exchange("code", "/err", null, Map.of(), true))
			.errcode()).isEqualTo(41030);
	}

	@Test
	void anEmptyAppSecretIsRefusedAgainstTheRealWeChatAndTheSecretIsNeverPrinted() {
		WeChatProperties real = new WeChatProperties("https://api.weixin.qq.com", "wx-app", "", "",
				Duration.ofSeconds(2), Duration.ofSeconds(3), 3, Duration.ofMillis(10),
				new WeChatProperties.Token(Duration.ofMinutes(3), Duration.ofSeconds(10), Duration.ofSeconds(5)));

		assertThatIllegalStateException().isThrownBy(real::resolvedAppSecret)
			.withMessageContaining("WECHAT_APP_SECRET");
		assertThat(new WeChatProperties("https://api.weixin.qq.com", "wx-app", "s3cret", "", Duration.ofSeconds(2),
				Duration.ofSeconds(3), 3, Duration.ofMillis(10), real.token())
			.toString()).doesNotContain("s3cret");
	}

	private static tools.jackson.databind.JsonNode call(WeChatApi api) {
		return api.exchange("test_api", "/test", null, Map.of("a", 1), false).json();
	}

	private long count(String errcode) {
		var timer = this.meters.find(WeChatApi.METRIC).tag("api", "test_api").tag("errcode", errcode).timer();
		return (timer != null) ? timer.count() : 0;
	}

	private AtomicInteger answering(List<String> bodies) throws IOException {
		return answering(200, bodies, Duration.ZERO);
	}

	/** Answers the bodies in turn, the last one for ever. */
	private AtomicInteger answering(int status, List<String> bodies, Duration delay) throws IOException {
		AtomicInteger calls = new AtomicInteger();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
		this.server.createContext("/", (exchange) -> {
			int call = calls.getAndIncrement();
			try {
				// a slow WeChat on purpose (the client's timeouts are under test)
				Thread.sleep(delay);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			respond(exchange, status, "application/json", bodies.get(Math.min(call, bodies.size() - 1)));
		});
		this.server.start();
		return calls;
	}

	private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
		catch (IOException ex) {
			// the client gave up (a timeout test)
		}
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private WeChatApi api(String baseUrl) {
		return api(baseUrl, Duration.ofSeconds(3));
	}

	private WeChatApi api(String baseUrl, Duration readTimeout) {
		WeChatProperties settings = new WeChatProperties(baseUrl, "wx-test", "", "", Duration.ofMillis(500),
				readTimeout, 3, Duration.ofMillis(10),
				new WeChatProperties.Token(Duration.ofMinutes(3), Duration.ofSeconds(10), Duration.ofSeconds(1)));
		// these tests call exchange() without a token: Redis is never reached
		return new WeChatApi(settings, new StringRedisTemplate(), JsonMapper.builder().build(), this.meters);
	}

}
