package io.minibase.wechatstub;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stub's access_token APIs answer as api.md's stub rules and WeChat's errcodes say.
 */
class PlatformStubTest {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final WeChatStub stub = WeChatStub.start(0, (line) -> {
	});

	private HttpServer receiver;

	@AfterEach
	void stop() {
		this.stub.close();
		if (this.receiver != null) {
			this.receiver.stop(0);
		}
	}

	@Test
	void stableTokenHandsEveryCallerTheSameTokenUntilForcedAndThenTheOldOneIsInvalid() throws Exception {
		JsonNode first = post("/cgi-bin/stable_token", tokenRequest(false));
		JsonNode again = post("/cgi-bin/stable_token", tokenRequest(false));
		assertThat(first.get("access_token").asString()).isEqualTo(again.get("access_token").asString());
		assertThat(first.get("expires_in").asLong()).isBetween(7100L, 7200L);

		JsonNode forced = post("/cgi-bin/stable_token", tokenRequest(true));
		assertThat(forced.get("access_token").asString()).isNotEqualTo(first.get("access_token").asString());
		assertThat(this.stub.tokenCalls()).isEqualTo(3);
		assertError(checkText(first.get("access_token").asString(), "hi"), 40001);
		assertThat(checkText(forced.get("access_token").asString(), "hi").get("errcode").asInt()).isZero();
	}

	@Test
	void inItsLastMinutesNormalModeHandsOutANewTokenAndTheOldOneStillWorks() throws Exception {
		this.stub.tokenLifetime(Duration.ofSeconds(4));
		String first = post("/cgi-bin/stable_token", tokenRequest(false)).get("access_token").asString();
		// the handover is the last half of a short lifetime: time has to pass, there is
		// no
		// condition to wait on
		Thread.sleep(2100);
		String second = post("/cgi-bin/stable_token", tokenRequest(false)).get("access_token").asString();

		assertThat(second).isNotEqualTo(first);
		assertThat(checkText(first, "hi").get("errcode").asInt()).isZero();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertError(checkText(first, "hi"), 42001));
	}

	@Test
	void tokensCanBeMadeToExpireOrBecomeInvalid() throws Exception {
		String token = post("/cgi-bin/stable_token", tokenRequest(false)).get("access_token").asString();
		this.stub.expireAccessTokens();
		assertError(checkText(token, "hi"), 42001);

		String renewed = post("/cgi-bin/stable_token", tokenRequest(false)).get("access_token").asString();
		assertThat(renewed).isNotEqualTo(token);
		post("/stub/expire-token", "{\"errcode\":40001}");
		assertError(checkText(renewed, "hi"), 40001);
	}

	@Test
	void callsWithoutAGoodTokenOrWithABadRequestAreRefusedAsWeChatDoes() throws Exception {
		assertError(post("/wxa/msg_sec_check", "{}"), 41001);
		assertError(post("/wxa/msg_sec_check?access_token=nope", "{}"), 40001);
		assertError(post("/cgi-bin/stable_token", "{\"grant_type\":\"password\",\"appid\":\"wx1\"}"), 40002);
		assertError(post("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\"}"), 41002);
		String token = token();
		assertError(post("/wxa/msg_sec_check?access_token=" + token, "{\"content\":\"hi\",\"openid\":\"o\"}"), 40097);
		assertError(post("/wxa/msg_sec_check?access_token=" + token, "{\"content\":\"hi\",\"version\":2,\"scene\":1}"),
				40003);
		assertError(post("/wxa/nothing?access_token=" + token, "{}"), 40066);
		HttpResponse<String> get = this.http.send(
				HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + "/cgi-bin/stable_token")).GET().build(),
				BodyHandlers.ofString());
		assertThat(get.statusCode()).isEqualTo(405);
	}

	@Test
	void aPhoneCodeGivesItsNumberOnceAndAnInvalidOneIs40029() throws Exception {
		String path = "/wxa/business/getuserphonenumber?access_token=" + token();
		JsonNode answer = post(path, "{\"code\":\"phone-13812345678-a\"}");
		assertThat(answer.get("errcode").asInt()).isZero();
		assertThat(answer.at("/phone_info/purePhoneNumber").asString()).isEqualTo("13812345678");
		assertThat(answer.at("/phone_info/countryCode").asString()).isEqualTo("86");

		assertError(post(path, "{\"code\":\"phone-13812345678-a\"}"), 40029);
		assertError(post(path, "{\"code\":\"phone-invalid-1\"}"), 40029);
		assertError(post(path, "{\"code\":\"phone-1381234567-short\"}"), 40029);
	}

	@Test
	void textWithTheMarkersIsRiskyAndOtherTextPasses() throws Exception {
		String token = token();
		assertThat(checkText(token, "一个违规的名字").at("/result/suggest").asString()).isEqualTo("risky");
		assertThat(checkText(token, "say forbidden-text").at("/result/suggest").asString()).isEqualTo("risky");
		JsonNode pass = checkText(token, "小明");
		assertThat(pass.at("/result/suggest").asString()).isEqualTo("pass");
		assertThat(pass.get("trace_id").asString()).isNotBlank();
	}

	@Test
	void aMediaCheckResultIsPushedSignedAndEncryptedAsWeChatDoes() throws Exception {
		List<Received> received = receive("RISKY-CONTENT in a picture");
		String aesKey = PushSigner.newEncodingAesKey();
		this.stub.pushTo(receiverUrl() + "/push", "push-token", aesKey, "wx-app", false);
		this.stub.mediaCheckDelay(Duration.ofMillis(50));

		JsonNode accepted = post("/wxa/media_check_async?access_token=" + token(), mediaRequest());
		String traceId = accepted.get("trace_id").asString();

		await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
		Received push = received.get(0);
		Map<String, String> query = WeChatStub.query(push.query());
		assertThat(query.get("encrypt_type")).isEqualTo("aes");
		assertThat(query.get("signature"))
			.isEqualTo(PushSigner.sign("push-token", query.get("timestamp"), query.get("nonce")));
		JsonNode envelope = this.json.readTree(push.body());
		String encrypted = envelope.get("Encrypt").asString();
		assertThat(query.get("msg_signature"))
			.isEqualTo(PushSigner.sign("push-token", query.get("timestamp"), query.get("nonce"), encrypted));
		JsonNode event = this.json.readTree(decrypt(aesKey, encrypted, "wx-app"));
		assertThat(event.get("Event").asString()).isEqualTo("wxa_media_check");
		assertThat(event.get("trace_id").asString()).isEqualTo(traceId);
		assertThat(event.at("/result/suggest").asString()).isEqualTo("risky");
	}

	@Test
	void harmlessMediaPassesAndXmlPushesInPlainModeCarryOnlyTheSignature() throws Exception {
		List<Received> received = receive("just a picture");
		this.stub.pushTo(receiverUrl() + "/push", "push-token", null, "wx-app", true);
		this.stub.mediaCheckDelay(Duration.ofMillis(50));

		post("/wxa/media_check_async?access_token=" + token(), mediaRequest());

		await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
		assertThat(received.get(0).query()).doesNotContain("msg_signature");
		assertThat(received.get(0).body()).startsWith("<xml>")
			.contains("<Event><![CDATA[wxa_media_check]]></Event>")
			.contains("<suggest><![CDATA[pass]]></suggest>");
	}

	private String mediaRequest() {
		return "{\"media_url\":\"" + receiverUrl() + "/media.png\",\"media_type\":2,\"version\":2,\"scene\":1,"
				+ "\"openid\":\"mock-openid-alice\"}";
	}

	/** A push receiver that also serves the media under /media.png. */
	private List<Received> receive(String media) throws IOException {
		List<Received> received = new CopyOnWriteArrayList<>();
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
		this.receiver.createContext("/media.png", (exchange) -> {
			byte[] bytes = media.getBytes(StandardCharsets.US_ASCII);
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.receiver.createContext("/push", (exchange) -> {
			received.add(new Received(exchange.getRequestURI().getRawQuery(),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			byte[] ok = "success".getBytes(StandardCharsets.US_ASCII);
			exchange.sendResponseHeaders(200, ok.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(ok);
			}
		});
		this.receiver.start();
		return received;
	}

	private String receiverUrl() {
		return "http://127.0.0.1:" + this.receiver.getAddress().getPort();
	}

	/** WeChat's safe mode, decrypted the way its sample code does. */
	private static String decrypt(String encodingAesKey, String encrypted, String appId) throws Exception {
		byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
		Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
		byte[] plain = cipher.doFinal(Base64.getDecoder().decode(encrypted));
		int pad = plain[plain.length - 1];
		byte[] unpadded = Arrays.copyOf(plain, plain.length - pad);
		int length = ByteBuffer.wrap(unpadded, 16, 4).getInt();
		String from = new String(unpadded, 20 + length, unpadded.length - 20 - length, StandardCharsets.UTF_8);
		assertThat(from).isEqualTo(appId);
		return new String(unpadded, 20, length, StandardCharsets.UTF_8);
	}

	@Test
	void aSubscribeMessageIsSentAndKeptUnlessTheUserDidNotSubscribe() throws Exception {
		String token = token();
		String message = "{\"touser\":\"mock-openid-alice\",\"template_id\":\"tpl-paid\",\"page\":\"pages/order/detail?id=7\","
				+ "\"miniprogram_state\":\"formal\",\"data\":{\"character_string1\":{\"value\":\"7\"}}}";
		JsonNode sent = post(ShopPlatformStub.SUBSCRIBE_SEND + "?access_token=" + token, message);
		assertThat(sent.get("errcode").asInt()).isZero();
		assertThat(sent.get("msgid").asLong()).isPositive();

		assertError(post(ShopPlatformStub.SUBSCRIBE_SEND + "?access_token=" + token,
				message.replace("mock-openid-alice", "mock-openid-nosub1")), 43101);
		assertError(post(ShopPlatformStub.SUBSCRIBE_SEND + "?access_token=" + token, message.replace("tpl-paid", "")),
				40037);
		assertError(post(ShopPlatformStub.SUBSCRIBE_SEND + "?access_token=" + token,
				message.replace("{\"value\":\"7\"}", "{}")), 47003);
		assertThat(this.stub.subscribeMessages()).singleElement()
			.satisfies((kept) -> assertThat(kept.get("touser").asString()).isEqualTo("mock-openid-alice"));
	}

	@Test
	void shippingIsUploadedOnceWithOneReshipmentAndAPaymentNotYetKnownIsRefusedTwice() throws Exception {
		String token = token();
		String upload = "{\"order_key\":{\"order_number_type\":2,\"transaction_id\":\"4200001\"},\"logistics_type\":1,"
				+ "\"delivery_mode\":1,\"shipping_list\":[{\"tracking_no\":\"SF1\",\"express_company\":\"SF\","
				+ "\"item_desc\":\"tea*1\"}],\"upload_time\":\"2025-01-01T10:00:00+08:00\",\"payer\":{\"openid\":\"o1\"}}";
		String path = ShopPlatformStub.UPLOAD_SHIPPING + "?access_token=" + token;
		assertThat(post(path, upload).get("errcode").asInt()).isZero();
		assertThat(post(path, upload).get("errcode").asInt()).isZero();
		assertError(post(path, upload), 10060003);
		assertError(post(path, upload.replace("\"payer\":{\"openid\":\"o1\"}", "\"payer\":{}")), 47001);

		String notYet = upload.replace("4200001", "4200002").replace("SF1", "NOTYET1");
		assertError(post(path, notYet), 10060001);
		assertError(post(path, notYet), 10060001);
		assertThat(post(path, notYet).get("errcode").asInt()).isZero();
		assertThat(this.stub.shippingUploads()).hasSize(3);
	}

	@Test
	void aShareCodeIsARealPngAndABadSceneOrPageIsWeChatsError() throws Exception {
		String token = token();
		String path = ShopPlatformStub.SHARE_CODE + "?access_token=" + token;
		HttpResponse<byte[]> code = postForBytes(path, "{\"scene\":\"42\",\"page\":\"pages/product/detail\"}");
		assertThat(code.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(code.body()))).isNotNull();
		assertThat(Arrays.copyOf(code.body(), 4)).containsExactly(0x89, 'P', 'N', 'G');
		assertThat(postForBytes(path, "{\"scene\":\"43\",\"page\":\"pages/product/detail\"}").body())
			.isNotEqualTo(code.body());

		assertError(this.json.readTree(postForBytes(path, "{\"scene\":\"" + "9".repeat(33) + "\"}").body()), 40169);
		assertError(this.json.readTree(postForBytes(path, "{\"scene\":\"42\",\"page\":\"pages/missing\"}").body()),
				41030);
		assertThat(this.stub.shareCodes()).isEqualTo(2);

		this.stub.busy(true);
		assertError(this.json.readTree(postForBytes(path, "{\"scene\":\"42\"}").body()), -1);
		assertError(checkText(token, "hi"), -1);
	}

	private HttpResponse<byte[]> postForBytes(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + path))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofByteArray());
	}

	private String token() throws Exception {
		return post("/cgi-bin/stable_token", tokenRequest(false)).get("access_token").asString();
	}

	private JsonNode checkText(String token, String text) throws Exception {
		return post("/wxa/msg_sec_check?access_token=" + token, this.json
			.writeValueAsString(Map.of("content", text, "version", 2, "scene", 1, "openid", "mock-openid-alice")));
	}

	private static String tokenRequest(boolean force) {
		return "{\"grant_type\":\"client_credential\",\"appid\":\"wx1\",\"secret\":\"\",\"force_refresh\":" + force
				+ "}";
	}

	private JsonNode post(String path, String body) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + path))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private static void assertError(JsonNode answer, int errcode) {
		assertThat(answer.get("errcode").asInt()).as(answer.toString()).isEqualTo(errcode);
	}

	private record Received(String query, String body) {
	}

}
