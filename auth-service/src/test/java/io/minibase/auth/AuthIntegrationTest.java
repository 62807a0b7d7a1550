package io.minibase.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.minibase.testsupport.UseLocalInfra;
import io.minibase.wechatstub.WeChatStub;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running auth-service on real MariaDB, Redis and Kafka, with the WeChat stub in
 * front of it, talked to over HTTP as a client would. Subclasses share one application
 * context (and one stub).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UseLocalInfra(database = "auth", redis = true, kafka = true)
public abstract class AuthIntegrationTest {

	/** One stub for the whole test JVM: its used codes must outlive a single class. */
	protected static final WeChatStub wechat = WeChatStub.start(0, (line) -> {
	});

	protected static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	protected int port;

	/** The phone number key, as the local stack would generate it. */
	protected static final String PHONE_KEY = java.util.Base64.getEncoder().encodeToString(randomKey());

	/** The first admin's password, as the local stack would generate it. */
	protected static final String ADMIN_PASSWORD = java.util.UUID.randomUUID().toString();

	@DynamicPropertySource
	static void wechatStub(DynamicPropertyRegistry registry) {
		registry.add("auth.wechat.base-url", wechat::baseUrl);
		registry.add("auth.admin.password", () -> ADMIN_PASSWORD);
		// as the local stack passes one: phone numbers are encrypted with it
		registry.add("auth.phone.key", () -> PHONE_KEY);
	}

	private static byte[] randomKey() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return key;
	}

	protected HttpResponse<String> post(String path, String body, String accessToken) {
		HttpRequest.Builder request = request(path, accessToken).header("Content-Type", "application/json")
			.POST((body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return send(request.build());
	}

	protected HttpResponse<String> get(String path, String accessToken) {
		return send(request(path, accessToken).GET().build());
	}

	protected HttpResponse<String> patch(String path, String body, String accessToken) {
		return send(request(path, accessToken).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/** Logs in with a WeChat code and returns the 200 answer. */
	protected JsonNode login(String code) {
		HttpResponse<String> response = post("/api/auth/wechat/login", "{\"code\":\"" + code + "\"}", null);
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"login with " + code + " answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	protected static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private HttpRequest.Builder request(String path, String accessToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(20));
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
