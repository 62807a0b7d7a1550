package io.minibase.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.minibase.testsupport.TestTokens;
import io.minibase.testsupport.UseLocalInfra;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running file-service on real MariaDB, Redis and Kafka, with local-disk storage in a
 * fresh folder, talked to over HTTP as a client would. Subclasses share one application
 * context. Limits are lowered so that tests can reach them quickly; the rate window is an
 * hour so that a test almost never straddles two windows.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "files.review.enabled=false", "REDIS_TIMEOUT=3s", "REDIS_CONNECT_TIMEOUT=3s",
				"files.rate.uploads=12", "files.rate.window=1h", "files.quota.max-bytes=2MB" })
@UseLocalInfra(database = "files", redis = true, kafka = true)
abstract class FileIntegrationTest {

	static final JsonMapper json = JsonMapper.builder().build();

	static final Path storageRoot = temporaryFolder();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void authServiceAndStorage(DynamicPropertyRegistry registry) {
		registry.add("minibase.tokens.jwk-set-uri", TestTokens::jwksUri);
		registry.add("files.storage.local.path", storageRoot::toString);
	}

	/** A user id no other test (or earlier run, for the Redis rate counters) uses. */
	static long newUser() {
		return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
	}

	HttpResponse<String> upload(long user, String fileName, String partContentType, byte[] content) {
		return upload(user, fileName, partContentType, content, null);
	}

	/** An upload with the multipart field {@code visibility} when not {@code null}. */
	HttpResponse<String> upload(long user, String fileName, String partContentType, byte[] content, String visibility) {
		String boundary = "----minibase" + UUID.randomUUID();
		String field = (visibility != null) ? "--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"visibility\"\r\n\r\n" + visibility + "\r\n" : "";
		byte[] head = (field + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ fileName + "\"\r\nContent-Type: " + partContentType + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		HttpRequest.Builder request = request("/api/files").header("Content-Type",
				"multipart/form-data; boundary=" + boundary);
		if (user > 0) {
			request.header("Authorization", "Bearer " + TestTokens.user(String.valueOf(user)));
		}
		return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Uploads and returns the 201 answer's body. */
	JsonNode uploaded(long user, String fileName, byte[] content) {
		HttpResponse<String> response = upload(user, fileName, "application/octet-stream", content);
		if (response.statusCode() != 201) {
			throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	HttpResponse<byte[]> download(String path, String... headers) {
		HttpRequest.Builder request = request(path).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
	}

	<T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			return this.http.send(request, handler);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path temporaryFolder() {
		try {
			return Files.createTempDirectory("minibase-files-it-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
