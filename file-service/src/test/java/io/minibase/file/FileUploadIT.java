package io.minibase.file;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class FileUploadIT extends FileIntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	static Stream<Arguments> acceptedImages() {
		return Stream.of(Arguments.of("image/jpeg", TestImages.image("jpeg", 40, 30, 1), 40, 30),
				Arguments.of("image/png", TestImages.image("png", 41, 31, 2), 41, 31),
				Arguments.of("image/gif", TestImages.image("gif", 42, 32, 3), 42, 32),
				Arguments.of("image/webp", TestImages.WEBP_1X1, 1, 1));
	}

	@ParameterizedTest
	@MethodSource("acceptedImages")
	void eachAcceptedTypeIsStoredWithItsSniffedTypeAndSize(String contentType, byte[] content, int width, int height)
			throws Exception {
		// the client's name and part type say nothing true
		HttpResponse<String> response = upload(newUser(), "holiday.txt", "text/plain", content);

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode file = body(response);
		String id = file.get("id").asString();
		assertThat(file.get("id").isString()).isTrue();
		assertThat(file.get("url").asString()).isEqualTo("/api/files/" + id);
		assertThat(response.headers().firstValue("Location")).hasValue("/api/files/" + id);
		assertThat(file.get("contentType").asString()).isEqualTo(contentType);
		assertThat(file.get("size").asLong()).isEqualTo(content.length);
		assertThat(file.get("sha256").asString()).isEqualTo(sha256(content));
		assertThat(file.get("width").asInt()).isEqualTo(width);
		assertThat(file.get("height").asInt()).isEqualTo(height);

		HttpResponse<byte[]> read = download("/api/files/" + id);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.headers().firstValue("Content-Type")).hasValue(contentType);
		assertThat(read.body()).isEqualTo(content);
	}

	static Stream<Arguments> disguisedFiles() {
		byte[] html = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
		byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8);
		byte[] exe = new byte[512];
		exe[0] = 'M';
		exe[1] = 'Z';
		return Stream.of(Arguments.of("page.jpg", "image/jpeg", html), Arguments.of("logo.png", "image/png", svg),
				Arguments.of("cat.gif", "image/gif", exe), Arguments.of("empty.png", "image/png", new byte[0]));
	}

	@ParameterizedTest
	@MethodSource("disguisedFiles")
	void contentThatIsNoAcceptedImageIsRefusedWith415(String name, String partType, byte[] content) {
		HttpResponse<String> response = upload(newUser(), name, partType, content);

		assertThat(response.statusCode()).isEqualTo(415);
		assertProblem(response);
	}

	@Test
	void anUploadOverTheSizeLimitIsRefusedWith413() {
		// a JPEG start, then 10 MiB + 512 KiB: Tomcat stops counting at the limit
		byte[] content = new byte[10 * 1024 * 1024 + 512 * 1024];
		new Random(7).nextBytes(content);
		content[0] = (byte) 0xFF;
		content[1] = (byte) 0xD8;
		content[2] = (byte) 0xFF;

		HttpResponse<String> response = upload(newUser(), "big.jpg", "image/jpeg", content);

		assertThat(response.statusCode()).isEqualTo(413);
		assertProblem(response);
	}

	@Test
	void aDecompressionBombIsRefusedWithoutBeingDecoded() {
		byte[] bomb = TestImages.pngBomb(100_000, 100_000);
		assertThat(bomb.length).isLessThan(10_000);

		HttpResponse<String> response = upload(newUser(), "small.png", "image/png", bomb);

		assertThat(response.statusCode()).isEqualTo(422);
		assertProblem(response);
		assertThat(body(response).get("maxPixels").asLong()).isEqualTo(25_000_000L);
	}

	@Test
	void aFileThatStartsLikeAnImageButIsBrokenIsRefusedWith422() {
		byte[] broken = new byte[64];
		System.arraycopy(TestImages.image("png", 8, 8, 9), 0, broken, 0, 12);

		HttpResponse<String> response = upload(newUser(), "broken.png", "image/png", broken);

		assertThat(response.statusCode()).isEqualTo(422);
		assertProblem(response);
	}

	@Test
	void identicalUploadsAreStoredOnce() throws Exception {
		byte[] content = TestImages.image("png", 64, 48, 11);
		long alice = newUser();
		long bob = newUser();

		JsonNode first = uploaded(alice, "a.png", content);
		JsonNode again = uploaded(alice, "b.png", content);
		JsonNode bobs = uploaded(bob, "c.png", content);

		assertThat(again.get("id").asString()).as("the same user gets the first upload back")
			.isEqualTo(first.get("id").asString());
		assertThat(bobs.get("id").asString()).isNotEqualTo(first.get("id").asString());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(DISTINCT storage_key) FROM stored_file WHERE sha256 = ?",
				Integer.class, sha256(content)))
			.isEqualTo(1);
		try (Stream<Path> stored = Files.walk(storageRoot.resolve("originals"))) {
			assertThat(stored.filter(Files::isRegularFile)
				.filter((path) -> path.getFileName().toString().equals(sha256(content)))).hasSize(1);
		}
		assertThat(this.jdbc.queryForObject("SELECT original_name FROM stored_file WHERE public_id = ?", String.class,
				bobs.get("id").asString()))
			.as("the client's name is kept as metadata only")
			.isEqualTo("c.png");
	}

	@Test
	void theClientsFileNameNeverBecomesAPath() throws IOException {
		byte[] content = TestImages.image("png", 20, 20, 12);

		JsonNode file = uploaded(newUser(), "../../etc/passwd", content);

		assertThat(file.get("sha256").asString()).isEqualTo(sha256(content));
		try (Stream<Path> stored = Files.walk(storageRoot)) {
			assertThat(stored.map(Path::getFileName).map(Path::toString)).doesNotContain("passwd");
		}
	}

	@Test
	void uploadingNeedsAToken() {
		HttpResponse<String> response = upload(0, "a.png", "image/png", TestImages.image("png", 8, 8, 13));

		assertThat(response.statusCode()).isEqualTo(401);
		assertProblem(response);
	}

	@Test
	void aUserOverTheUploadRateGets429WithRetryAfter() {
		long user = newUser();
		for (int i = 0; i < 12; i++) {
			assertThat(upload(user, "r.png", "image/png", TestImages.image("png", 8, 8, 100 + i)).statusCode())
				.isEqualTo(201);
		}

		HttpResponse<String> response = upload(user, "r.png", "image/png", TestImages.image("png", 8, 8, 200));

		assertThat(response.statusCode()).isEqualTo(429);
		assertProblem(response);
		assertThat(response.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3600));
		assertThat(upload(newUser(), "r.png", "image/png", TestImages.image("png", 8, 8, 201)).statusCode())
			.as("another user")
			.isEqualTo(201);
	}

	@Test
	void aUserOverTheStorageQuotaGets422() {
		long user = newUser();
		// about 750 KB each, against a quota of 2 MB
		List<byte[]> images = List.of(TestImages.noisePng(500, 500, 21), TestImages.noisePng(500, 500, 22),
				TestImages.noisePng(500, 500, 23));
		assertThat(upload(user, "q1.png", "image/png", images.get(0)).statusCode()).isEqualTo(201);
		assertThat(upload(user, "q2.png", "image/png", images.get(1)).statusCode()).isEqualTo(201);

		HttpResponse<String> response = upload(user, "q3.png", "image/png", images.get(2));

		assertThat(response.statusCode()).isEqualTo(422);
		assertProblem(response);
		assertThat(body(response).get("quotaBytes").asLong()).isEqualTo(2L * 1024 * 1024);
	}

	static void assertProblem(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = body(response);
		assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
		assertThat(problem.get("traceId").asString()).isNotBlank();
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
