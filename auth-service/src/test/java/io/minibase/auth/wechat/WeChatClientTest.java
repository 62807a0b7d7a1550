package io.minibase.auth.wechat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minibase.auth.config.AuthProperties;
import io.minibase.wechatstub.WeChatStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** WeChat's answers become the problems api.md names, retried only where it helps. */
class WeChatClientTest {

	private final WeChatStub stub = WeChatStub.start(0, (line) -> {
	});

	private HttpServer server;

	@AfterEach
	void stop() {
		this.stub.close();
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void aValidCodeGivesTheSessionEvenThoughWeChatSaysTextPlain() {
		WeChatSession session = client(this.stub.baseUrl()).exchange("mock-alice-1");

		assertThat(session.openid()).isEqualTo("mock-openid-alice");
		assertThat(session.sessionKey()).isNotBlank();
		assertThat(session.toString()).doesNotContain("alice").doesNotContain(session.sessionKey());
	}

	@Test
	void anInvalidCodeIsUnauthorized() {
		assertThat(failure(client(this.stub.baseUrl()), "mock-invalid-1").getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aUsedCodeIsUnauthorized() {
		WeChatClient client = client(this.stub.baseUrl());
		client.exchange("mock-bob-1");

		assertThat(failure(client, "mock-bob-1").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void weChatRateLimitingIsTooManyRequestsWithRetryAfter() {
		WeChatLoginFailed failure = failure(client(this.stub.baseUrl()), "mock-ratelimited-1");

		assertThat(failure.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(failure.getHeaders().getFirst("Retry-After")).isEqualTo("60");
	}

	@Test
	void aBusyWeChatIsRetried() {
		assertThat(client(this.stub.baseUrl()).exchange("mock-busy-1").openid()).isEqualTo("mock-openid-busy");
	}

	@Test
	void aWeChatBusyOnEveryAttemptIsServiceUnavailableAfterTheRetries() throws IOException {
		AtomicInteger calls = answering("{\"errcode\":-1,\"errmsg\":\"system error\"}");

		assertThat(failure(client(baseUrl()), "any").getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(calls).hasValue(3);
	}

	@Test
	void rejectedCodesAreNeverRetried() throws IOException {
		for (int errcode : new int[] { 40029, 40163, 45011 }) {
			AtomicInteger calls = answering("{\"errcode\":" + errcode + ",\"errmsg\":\"no\"}");
			failure(client(baseUrl()), "any");
			assertThat(calls).as("calls for errcode " + errcode).hasValue(1);
			this.server.stop(0);
		}
		this.server = null;
	}

	@Test
	void anUnreachableWeChatIsServiceUnavailableQuickly() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		long started = System.nanoTime();

		WeChatLoginFailed failure = failure(client("http://127.0.0.1:" + closedPort), "mock-alice-1");

		assertThat(failure.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(failure.getHeaders().getFirst("Retry-After")).isEqualTo("10");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void anotherWeChatErrorIsABadGatewayThatDoesNotQuoteWeChat() throws IOException {
		answering("{\"errcode\":40013,\"errmsg\":\"invalid appid\"}");

		WeChatLoginFailed failure = failure(client(baseUrl()), "any");

		assertThat(failure.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(failure.getBody().getDetail()).doesNotContain("appid");
	}

	@Test
	void aServerErrorIsRetriedThenServiceUnavailable() throws IOException {
		AtomicInteger calls = answering(502, "bad gateway");

		assertThat(failure(client(baseUrl()), "any").getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(calls).hasValue(3);
	}

	@Test
	void aClientErrorIsABadGatewayWithoutRetry() throws IOException {
		AtomicInteger calls = answering(404, "not found");

		assertThat(failure(client(baseUrl()), "any").getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(calls).hasValue(1);
	}

	@Test
	void anEmptyAppSecretIsRefusedAgainstTheRealWeChat() {
		AuthProperties.WeChat real = new AuthProperties.WeChat("https://api.weixin.qq.com", "wx-app", "", "",
				Duration.ofSeconds(2), Duration.ofSeconds(3), 3, Duration.ofMillis(10));

		assertThatIllegalStateException().isThrownBy(real::resolvedAppSecret)
			.withMessageContaining("WECHAT_APP_SECRET");
		assertThat(new AuthProperties.WeChat("https://api.weixin.qq.com", "wx-app", "s3cret", "", Duration.ofSeconds(2),
				Duration.ofSeconds(3), 3, Duration.ofMillis(10))
			.toString()).doesNotContain("s3cret");
	}

	private AtomicInteger answering(String body) throws IOException {
		return answering(200, body);
	}

	private AtomicInteger answering(int status, String body) throws IOException {
		AtomicInteger calls = new AtomicInteger();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
		this.server.createContext("/sns/jscode2session", (exchange) -> {
			calls.incrementAndGet();
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
		return calls;
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private static WeChatLoginFailed failure(WeChatClient client, String code) {
		return catchThrowableOfType(WeChatLoginFailed.class, () -> client.exchange(code));
	}

	@Test
	void theBreakersStateIsAMetricForTheOpenCircuitAlert() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		client(this.stub.baseUrl(), meters);
		assertThat(
				meters.find("resilience4j.circuitbreaker.state").tag("name", "wechat").tag("state", "closed").gauge())
			.isNotNull()
			.satisfies((gauge) -> assertThat(gauge.value()).isEqualTo(1.0));
	}

	private static WeChatClient client(String baseUrl) {
		return client(baseUrl, new SimpleMeterRegistry());
	}

	private static WeChatClient client(String baseUrl, SimpleMeterRegistry meters) {
		AuthProperties properties = new AuthProperties("minibase-auth", "minibase", Duration.ofMinutes(15),
				Duration.ofDays(30), new AuthProperties.SessionKey("", Duration.ofDays(3)),
				new AuthProperties.WeChat(baseUrl, "wx-local-stack", "", "", Duration.ofSeconds(2),
						Duration.ofSeconds(3), 3, Duration.ofMillis(10)),
				new AuthProperties.Phone(""));
		return new WeChatClient(properties, JsonMapper.builder().build(), meters);
	}

}
