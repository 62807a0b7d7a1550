package io.minibase.file;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class FileDeliveryIT extends FileIntegrationTest {

	@Autowired
	MeterRegistry meters;

	@Test
	void aFileIsServedForeverCacheableWithAStrongETag() {
		byte[] content = TestImages.image("jpeg", 120, 80, 31);
		JsonNode file = uploaded(newUser(), "photo.jpg", content);

		HttpResponse<byte[]> response = download(file.get("url").asString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(content);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + file.get("sha256").asString() + "\"");
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((cache) -> assertThat(cache).contains("public")
				.contains("max-age=31536000")
				.contains("immutable")
				.doesNotContain("no-cache")
				.doesNotContain("no-store"));
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(content.length));
	}

	@Test
	void headAnswersTheHeadersWithoutTheBytes() {
		byte[] content = TestImages.image("gif", 50, 50, 38);
		JsonNode file = uploaded(newUser(), "h.gif", content);

		HttpResponse<byte[]> response = send(
				request(file.get("url").asString()).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(content.length));
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + file.get("sha256").asString() + "\"");
	}

	@Test
	void aMatchingIfNoneMatchIsAnswered304WithoutTheBytes() {
		JsonNode file = uploaded(newUser(), "p.png", TestImages.image("png", 30, 30, 32));
		String etag = download(file.get("url").asString()).headers().firstValue("ETag").orElseThrow();

		HttpResponse<byte[]> response = download(file.get("url").asString(), "If-None-Match", etag);

		assertThat(response.statusCode()).isEqualTo(304);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("ETag")).hasValue(etag);
		assertThat(download(file.get("url").asString(), "If-None-Match", "\"something-else\"").statusCode())
			.isEqualTo(200);
	}

	@Test
	void aRangeIsAnswered206WithThoseBytes() {
		byte[] content = TestImages.image("png", 200, 100, 33);
		JsonNode file = uploaded(newUser(), "r.png", content);

		HttpResponse<byte[]> response = download(file.get("url").asString(), "Range", "bytes=10-49");

		assertThat(response.statusCode()).isEqualTo(206);
		assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 10, 50));
		assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 10-49/" + content.length);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(download(file.get("url").asString(), "Range", "bytes=" + content.length + "-").statusCode())
			.as("a range past the end")
			.isEqualTo(416);
	}

	@Test
	void aScaledCopyHasTheRoundedUpWidthAndTheSameAspectAndFormat() {
		JsonNode file = uploaded(newUser(), "wide.png", TestImages.image("png", 1000, 500, 34));

		// 200 is rounded up to the configured 256
		HttpResponse<byte[]> response = download(file.get("url").asString() + "?w=200");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(TestImages.size(response.body())).containsExactly(256, 128);
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + file.get("sha256").asString() + "-w256\"");
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((cache) -> assertThat(cache).contains("immutable"));
		String etag = response.headers().firstValue("ETag").orElseThrow();
		assertThat(download(file.get("url").asString() + "?w=256", "If-None-Match", etag).statusCode())
			.as("another width rounding to the same copy")
			.isEqualTo(304);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jpeg", "gif" })
	void jpegAndGifAreScaledInTheirOwnFormat(String format) {
		JsonNode file = uploaded(newUser(), "x", TestImages.image(format, 600, 400, format.hashCode()));

		HttpResponse<byte[]> response = download(file.get("url").asString() + "?w=100");

		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/" + format);
		assertThat(TestImages.size(response.body())).containsExactly(128, 85);
	}

	@Test
	void anImageIsNeverScaledUp() {
		byte[] content = TestImages.image("png", 300, 200, 35);
		JsonNode file = uploaded(newUser(), "small.png", content);

		HttpResponse<byte[]> response = download(file.get("url").asString() + "?w=2048");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(content);
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + file.get("sha256").asString() + "\"");
	}

	@Test
	void aWebpIsServedWholeForAWidth() {
		JsonNode file = uploaded(newUser(), "w.webp", TestImages.WEBP_1X1);

		HttpResponse<byte[]> response = download(file.get("url").asString() + "?w=16");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/webp");
		assertThat(response.body()).isEqualTo(TestImages.WEBP_1X1);
	}

	@Test
	void concurrentFirstRequestsForOneWidthMakeTheCopyOnce() throws Exception {
		JsonNode file = uploaded(newUser(), "hot.jpg", TestImages.image("jpeg", 1600, 1200, 36));
		double before = generated();

		int threads = 12;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			for (int i = 0; i < threads; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return download(file.get("url").asString() + "?w=500");
				}));
			}
			start.countDown();
			for (Future<HttpResponse<byte[]>> answer : answers) {
				HttpResponse<byte[]> response = answer.get();
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(TestImages.size(response.body())).containsExactly(512, 384);
			}
		}
		assertThat(generated() - before).isEqualTo(1.0);
		download(file.get("url").asString() + "?w=512");
		assertThat(generated() - before).as("a later request reads the stored copy").isEqualTo(1.0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "15", "2049", "0", "-5", "abc" })
	void aWidthOutside16To2048Is400(String width) {
		JsonNode file = uploaded(newUser(), "b.png", TestImages.image("png", 40, 40, 37));

		HttpResponse<byte[]> response = download(file.get("url").asString() + "?w=" + width);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "999999999", "abc", "0" })
	void anUnknownIdIs404(String id) {
		HttpResponse<byte[]> response = download("/api/files/" + id);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	private double generated() {
		return this.meters.get("files.variants.generated").counter().count();
	}

}
