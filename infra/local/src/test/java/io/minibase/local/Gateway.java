package io.minibase.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;

import javax.imageio.ImageIO;

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

	/**
	 * A multipart upload to file-service, as {@code wx.uploadFile} sends it; a null
	 * {@code visibility} sends none (public).
	 */
	static HttpRequest upload(String token, byte[] content, String name, String visibility) {
		String boundary = "----minibase" + UUID.randomUUID();
		String field = (visibility != null) ? "--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"visibility\"\r\n\r\n" + visibility + "\r\n" : "";
		byte[] head = (field + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(head);
		body.writeBytes(content);
		body.writeBytes(tail);
		return Gateway
			.authorized(HttpRequest.newBuilder(uri("/api/files"))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(BodyPublishers.ofByteArray(body.toByteArray())), token)
			.build();
	}

	/** A small PNG image of this size. */
	static byte[] png(int width, int height) throws Exception {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(30, 140, 90));
		graphics.fillRect(0, 0, width, height / 2);
		graphics.setColor(Color.ORANGE);
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
