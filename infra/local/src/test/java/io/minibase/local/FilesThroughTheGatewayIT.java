package io.minibase.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.minibase.local.Gateway.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Uploading and delivering an image on the whole stack, through the gateway: what a
 * mini-program page does with its pictures.
 */
@ExtendWith(SharedStack.class)
class FilesThroughTheGatewayIT {

	@Test
	void anUploadedImageIsServedCachedByRangeAndScaled() throws Exception {
		String token = Gateway.login("mock-files" + UUID.randomUUID().toString().substring(0, 8) + "-1");
		byte[] png = Gateway.png(640, 480);

		HttpResponse<String> uploaded = Gateway.send(upload(token, png, "photo.jpg"));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		JsonNode file = Gateway.json.readTree(uploaded.body());
		assertThat(file.get("contentType").asString()).isEqualTo("image/png");
		// unguessable (ADR 17): 128 random bits, and no sequence number is a URL
		assertThat(file.get("id").asString()).matches("[A-Za-z0-9_-]{22}");
		assertThat(Gateway.send(HttpRequest.newBuilder(uri("/api/files/1")).build(), BodyHandlers.discarding())
			.statusCode()).isEqualTo(404);
		assertThat(file.get("width").asInt()).isEqualTo(640);
		String url = file.get("url").asString();
		// a user's upload is seen by others once WeChat's media check (the stub) passed
		// it
		org.awaitility.Awaitility.await("the media check of " + url)
			.atMost(java.time.Duration.ofSeconds(20))
			.pollInterval(java.time.Duration.ofMillis(250))
			.until(() -> Gateway.send(HttpRequest.newBuilder(uri(url)).build(), BodyHandlers.discarding())
				.statusCode() == 200);

		HttpResponse<byte[]> image = Gateway.send(HttpRequest.newBuilder(uri(url)).build(), BodyHandlers.ofByteArray());
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.body()).isEqualTo(png);
		assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(image.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("immutable"));
		String etag = image.headers().firstValue("ETag").orElseThrow();

		assertThat(Gateway
			.send(HttpRequest.newBuilder(uri(url)).header("If-None-Match", etag).build(), BodyHandlers.discarding())
			.statusCode()).isEqualTo(304);
		HttpResponse<byte[]> part = Gateway.send(HttpRequest.newBuilder(uri(url)).header("Range", "bytes=0-99").build(),
				BodyHandlers.ofByteArray());
		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.body()).hasSize(100);

		HttpResponse<byte[]> scaled = Gateway.send(HttpRequest.newBuilder(uri(url + "?w=160")).build(),
				BodyHandlers.ofByteArray());
		assertThat(scaled.statusCode()).isEqualTo(200);
		BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(scaled.body()));
		assertThat(thumbnail.getWidth()).isLessThan(640).isGreaterThanOrEqualTo(160);
		assertThat((double) thumbnail.getHeight() / thumbnail.getWidth()).as("aspect kept")
			.isCloseTo(0.75, within(0.01));
	}

	@Test
	void aRiskyImageIsUnseenByOthersThenGoneForEveryone() throws Exception {
		String token = Gateway.login("mock-risky" + UUID.randomUUID().toString().substring(0, 8) + "-1");
		byte[] image = Gateway.png(32, 32);
		byte[] marker = "RISKY-CONTENT".getBytes(StandardCharsets.US_ASCII);
		byte[] risky = java.util.Arrays.copyOf(image, image.length + marker.length);
		System.arraycopy(marker, 0, risky, image.length, marker.length);

		String other = Gateway.login("mock-onlooker" + UUID.randomUUID().toString().substring(0, 8) + "-1");
		// WeChat takes its time: long enough to look at the file while it is under check
		SharedStack.stack().weChatStub().mediaCheckDelay(java.time.Duration.ofSeconds(6));
		String url;
		try {
			HttpResponse<String> uploaded = Gateway.send(upload(token, risky, "risky.png"));
			assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
			url = Gateway.json.readTree(uploaded.body()).get("url").asString();

			// under check: its owner sees it, nobody else does, not even signed in
			assertThat(Gateway
				.send(HttpRequest.newBuilder(uri(url)).header("Authorization", "Bearer " + token).build(),
						BodyHandlers.discarding())
				.statusCode()).isEqualTo(200);
			assertThat(Gateway.send(HttpRequest.newBuilder(uri(url)).build(), BodyHandlers.discarding()).statusCode())
				.isEqualTo(404);
			assertThat(Gateway
				.send(HttpRequest.newBuilder(uri(url)).header("Authorization", "Bearer " + other).build(),
						BodyHandlers.discarding())
				.statusCode()).isEqualTo(404);
		}
		finally {
			SharedStack.stack().weChatStub().mediaCheckDelay(java.time.Duration.ofSeconds(1));
		}

		// rejected: gone for everyone, its owner too
		String rejected = url;
		org.awaitility.Awaitility.await("the media check of " + url)
			.atMost(java.time.Duration.ofSeconds(30))
			.pollInterval(java.time.Duration.ofMillis(250))
			.until(() -> Gateway.send(HttpRequest.newBuilder(uri(rejected)).build(), BodyHandlers.discarding())
				.statusCode() == 410);
		assertThat(Gateway
			.send(HttpRequest.newBuilder(uri(url)).header("Authorization", "Bearer " + token).build(),
					BodyHandlers.discarding())
			.statusCode()).isEqualTo(410);
	}

	@Test
	void aPrivateFileIsServedToItsOwnerOnlyWholeByRangeAndScaled() throws Exception {
		String owner = Gateway.login("mock-private" + UUID.randomUUID().toString().substring(0, 8) + "-1");
		String other = Gateway.login("mock-other" + UUID.randomUUID().toString().substring(0, 8) + "-1");
		byte[] png = Gateway.png(400, 200);

		HttpResponse<String> uploaded = Gateway.send(Gateway.upload(owner, png, "after-sale.png", "private"));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		JsonNode file = Gateway.json.readTree(uploaded.body());
		String url = file.get("url").asString();
		assertThat(file.get("id").asString()).matches("[A-Za-z0-9_-]{22}");
		assertThat(file.get("visibility").asString()).isEqualTo("private");

		// not under WeChat's check (nobody else sees it): the owner has it at once
		HttpResponse<byte[]> mine = Gateway.send(Gateway.authorized(HttpRequest.newBuilder(uri(url)), owner).build(),
				BodyHandlers.ofByteArray());
		assertThat(mine.statusCode()).isEqualTo(200);
		assertThat(mine.body()).isEqualTo(png);
		assertThat(mine.headers().firstValue("Cache-Control")).hasValue("no-cache, private");
		HttpResponse<byte[]> part = Gateway.send(
				Gateway.authorized(HttpRequest.newBuilder(uri(url)).header("Range", "bytes=0-49"), owner).build(),
				BodyHandlers.ofByteArray());
		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.body()).hasSize(50);
		HttpResponse<byte[]> scaled = Gateway.send(
				Gateway.authorized(HttpRequest.newBuilder(uri(url + "?w=128")), owner).build(),
				BodyHandlers.ofByteArray());
		assertThat(scaled.statusCode()).isEqualTo(200);
		assertThat(ImageIO.read(new ByteArrayInputStream(scaled.body())).getWidth()).isLessThan(400);

		for (HttpRequest notTheirs : java.util.List.of(HttpRequest.newBuilder(uri(url)).build(),
				Gateway.authorized(HttpRequest.newBuilder(uri(url)), other).build(),
				HttpRequest.newBuilder(uri(url + "?w=128")).build())) {
			HttpResponse<String> answer = Gateway.send(notTheirs, BodyHandlers.ofString());
			assertThat(answer.statusCode()).isEqualTo(404);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	@Test
	void anHtmlPageRenamedToAnImageIsRefusedAndUploadsNeedAToken() throws Exception {
		byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
		String token = Gateway.login("mock-html" + UUID.randomUUID().toString().substring(0, 8) + "-1");
		assertThat(Gateway.send(upload(token, html, "cat.png")).statusCode()).isEqualTo(415);
		assertThat(Gateway.send(upload(null, Gateway.png(16, 16), "a.png")).statusCode()).isEqualTo(401);
	}

	private static HttpRequest upload(String token, byte[] content, String name) {
		return Gateway.upload(token, content, name, null);
	}

}
