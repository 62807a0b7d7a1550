package io.minibase.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the end-to-end tests send to the shared stack's gateway, as a mini-program would:
 * JSON requests, with a bearer token or without.
 */
final class Gateway {

	static final ObjectMapper json = new ObjectMapper();

	private static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private Gateway() {
	}

	static HttpRequest get(String path, String token) {
		return authorized(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET(), token).build();
	}

	/** A JSON POST; a null body sends none. */
	static HttpRequest post(String path, String token, String body) {
		return authorized(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST((body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody()), token).build();
	}

	static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

	static HttpResponse<String> send(HttpRequest request) throws Exception {
		return http.send(request, BodyHandlers.ofString());
	}

	static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws Exception {
		return http.send(request, body);
	}

	/** Logs in through the WeChat stub with this code; the access token. */
	static String login(String code) throws Exception {
		HttpResponse<String> login = send(post("/api/auth/wechat/login", null, "{\"code\":\"" + code + "\"}"));
		if (login.statusCode() != 200) {
			throw new AssertionError("login with " + code + ": " + login.statusCode() + " " + login.body());
		}
		return body(login).get("accessToken").asString();
	}

	/**
	 * The buyer pays in {@code wx.requestPayment}: {@code POST /stub/pay} on the shared
	 * stack's WeChat Pay stub, which then notifies order-service through the gateway.
	 */
	static void payAtTheStub(String prepayId) throws Exception {
		HttpResponse<String> paid = send(
				HttpRequest.newBuilder(URI.create(SharedStack.stack().payStubUrl() + "/stub/pay"))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString("{\"prepayId\":\"" + prepayId + "\"}"))
					.build());
		if (paid.statusCode() != 200) {
			throw new AssertionError("paying " + prepayId + " at the stub: " + paid.statusCode() + " " + paid.body());
		}
	}

	static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	static URI uri(String path) {
		return URI.create(SharedStack.stack().gatewayUrl() + path);
	}

}
