package io.minibase.file;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.minibase.file.uploader.Uploaders;
import io.minibase.testsupport.EventSchemas;
import io.minibase.testsupport.TestTokens;
import io.minibase.wechatstub.PushSigner;
import io.minibase.wechatstub.WeChatStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Users' uploads through WeChat's media check, against the WeChat stub, which downloads
 * the file with its review token and pushes the result, signed and encrypted, to this
 * service's push endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "files.review.enabled=true",
		"files.review.sweep-interval=200ms", "REDIS_TIMEOUT=3s", "REDIS_CONNECT_TIMEOUT=3s" })
class MediaReviewIT extends FileIntegrationTest {

	static final WeChatStub wechat = WeChatStub.start(0, (line) -> {
	});

	static final String PUSH_TOKEN = "push-token-it";

	static final String AES_KEY = PushSigner.newEncodingAesKey();

	@Autowired
	Uploaders uploaders;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void wechat(DynamicPropertyRegistry registry) {
		registry.add("minibase.wechat.base-url", wechat::baseUrl);
		registry.add("files.review.push.token", () -> PUSH_TOKEN);
		// WeChat downloads the file from this service itself, here
		registry.add("files.review.public-base-url", () -> "http://127.0.0.1:${local.server.port}");
		registry.add("files.review.push.encoding-aes-key", () -> AES_KEY);
	}

	@BeforeEach
	void pushToThisService() {
		wechat.pushTo("http://127.0.0.1:" + this.port + "/api/wechat/push", PUSH_TOKEN, AES_KEY, "wx-local-stack",
				false);
		wechat.mediaCheckDelay(Duration.ofMillis(100));
	}

	@Test
	void aRiskyImageIsSeenByItsOwnerOnlyThenGoneForEveryoneAndFileReviewedPublished() {
		long owner = knownUser();
		byte[] risky = withMarker(TestImages.image("png", 32, 32, 7), "RISKY-CONTENT");
		String url = uploaded(owner, "risky.png", risky).get("url").asString();

		// until the result comes (the stub takes a moment), the owner sees it, others not
		HttpResponse<byte[]> ownersView = download(url, "Authorization",
				"Bearer " + TestTokens.user(String.valueOf(owner)));
		if (ownersView.statusCode() == 200) {
			assertThat(ownersView.headers().firstValue("Cache-Control")).hasValue("no-store, private");
		}
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> download(url).statusCode() == 410);
		assertThat(download(url, "Authorization", "Bearer " + TestTokens.user(String.valueOf(owner))).statusCode())
			.isEqualTo(410);
		String id = url.substring(url.lastIndexOf('/') + 1);
		String payload = this.jdbc.queryForObject(
				"SELECT payload FROM outbox WHERE subject = ? AND event_type = 'file.FileReviewed.v1'", String.class,
				id);
		EventSchemas.assertConforms("file.FileReviewed.v1", payload);
		assertThat(payload).contains("\"verdict\":\"REJECTED\"");
	}

	@Test
	void aHarmlessImageIsServedToOthersOnlyOnceItPassed() {
		long owner = knownUser();
		String url = uploaded(owner, "fine.png", TestImages.image("png", 32, 32, 8)).get("url").asString();

		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> download(url).statusCode() == 200);
		assertThat(download(url).headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("immutable"));
	}

	@Test
	void anImageOfAUserWhoseOpenidIsNotKnownYetIsCheckedOnceItIs() {
		long owner = newUser();
		String url = uploaded(owner, "later.png", TestImages.image("png", 32, 32, 9)).get("url").asString();
		assertThat(download(url).statusCode()).isEqualTo(404);

		this.uploaders.linked("it-" + owner, owner, "wx-local-stack", "mock-openid-u" + owner, Instant.now());

		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> download(url).statusCode() == 200);
	}

	@Test
	void aPushWithABadSignatureIsRefusedAndChangesNothing() {
		HttpResponse<String> refused = send(request("/api/wechat/push?signature=" + "0".repeat(40)
				+ "&timestamp=1&nonce=2&encrypt_type=aes&msg_signature=" + "0".repeat(40))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"Encrypt\":\"AAAA\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(refused.statusCode()).isEqualTo(403);
	}

	@Test
	void theUrlHandshakeEchoesForTheRightSignatureOnly() {
		String good = "/api/wechat/push?signature=" + PushSigner.sign(PUSH_TOKEN, "1700000000", "7")
				+ "&timestamp=1700000000&nonce=7&echostr=hello123";
		HttpResponse<String> echoed = send(request(good).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(echoed.statusCode()).isEqualTo(200);
		assertThat(echoed.body()).isEqualTo("hello123");

		HttpResponse<String> refused = send(request(good.replace("nonce=7", "nonce=8")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
	}

	/** A user whose openid auth-service has told (as its event would). */
	private long knownUser() {
		long user = newUser();
		this.uploaders.linked("it-" + user, user, "wx-local-stack", "mock-openid-u" + user, Instant.now());
		return user;
	}

	private static byte[] withMarker(byte[] image, String marker) {
		byte[] extra = marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		byte[] all = java.util.Arrays.copyOf(image, image.length + extra.length);
		System.arraycopy(extra, 0, all, image.length, extra.length);
		return all;
	}

}
