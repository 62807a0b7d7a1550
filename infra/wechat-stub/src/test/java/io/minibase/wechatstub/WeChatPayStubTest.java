package io.minibase.wechatstub;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pay stub speaks WeChat Pay API v3 as a merchant meets it: signed requests only,
 * signed answers, signed and encrypted notifies until answered 2xx. The merchant's side
 * is played with plain JCA here; order-service's tests play it with the official SDK.
 */
class WeChatPayStubTest {

	private static final String MCHID = "1900000001";

	private static final String APPID = "wx-local-stack";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<String> requestLog = new ArrayList<>();

	/** What the merchant's notify URL received: headers and body. */
	private final BlockingQueue<Received> notifies = new LinkedBlockingQueue<>();

	/** How many notifies the merchant refuses with 500 before it answers 204. */
	private final AtomicInteger refuseNext = new AtomicInteger();

	private PayStubKeys keys;

	private WeChatPayStub stub;

	private HttpServer merchant;

	@BeforeEach
	void start() throws Exception {
		this.keys = PayStubKeys.generate(MCHID, APPID);
		this.stub = WeChatPayStub.start(0, this.keys, (line) -> {
			synchronized (this.requestLog) {
				this.requestLog.add(line);
			}
		});
		this.merchant = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
		this.merchant.createContext("/notify", (exchange) -> {
			try (exchange) {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				this.notifies.add(new Received(exchange.getRequestHeaders().getFirst("Wechatpay-Timestamp"),
						exchange.getRequestHeaders().getFirst("Wechatpay-Nonce"),
						exchange.getRequestHeaders().getFirst("Wechatpay-Serial"),
						exchange.getRequestHeaders().getFirst("Wechatpay-Signature"), body));
				exchange.sendResponseHeaders((this.refuseNext.getAndDecrement() > 0) ? 500 : 204, -1);
			}
		});
		this.merchant.start();
	}

	@AfterEach
	void stop() {
		this.stub.close();
		this.merchant.stop(0);
	}

	@Test
	void aSignedPrepayIsAnsweredWithAPrepayIdSignedByThePlatformAndTheSameOrderGetsTheSameId() throws Exception {
		HttpResponse<String> first = call("POST", "/v3/pay/transactions/jsapi", prepay("1001", 990));
		assertThat(first.statusCode()).isEqualTo(200);
		assertSignedByPlatform(first);
		String prepayId = this.json.readTree(first.body()).get("prepay_id").asString();
		assertThat(prepayId).startsWith("wx");

		HttpResponse<String> again = call("POST", "/v3/pay/transactions/jsapi", prepay("1001", 990));
		assertThat(this.json.readTree(again.body()).get("prepay_id").asString()).isEqualTo(prepayId);
		// the same order number with another amount is another order: refused
		assertThat(call("POST", "/v3/pay/transactions/jsapi", prepay("1001", 991)).statusCode()).isEqualTo(400);
	}

	@Test
	void aRequestWithoutOrWithAWrongMerchantSignatureIsRefusedWithSignError() throws Exception {
		HttpResponse<String> unsigned = this.http
			.send(HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + "/v3/pay/transactions/jsapi"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(prepay("1002", 100)))
				.build(), BodyHandlers.ofString());
		assertThat(unsigned.statusCode()).isEqualTo(401);
		assertThat(this.json.readTree(unsigned.body()).get("code").asString()).isEqualTo("SIGN_ERROR");

		// signed over another body than the one sent
		String authorization = authorization("POST", "/v3/pay/transactions/jsapi", prepay("1002", 1),
				Instant.now().getEpochSecond());
		HttpResponse<String> forged = send("POST", "/v3/pay/transactions/jsapi", prepay("1002", 100), authorization);
		assertThat(forged.statusCode()).isEqualTo(401);

		// signed, but ten minutes ago
		String stale = authorization("POST", "/v3/pay/transactions/jsapi", prepay("1002", 100),
				Instant.now().minusSeconds(600).getEpochSecond());
		assertThat(send("POST", "/v3/pay/transactions/jsapi", prepay("1002", 100), stale).statusCode()).isEqualTo(401);
	}

	@Test
	void payingSendsASignedEncryptedNotifyAgainUntilTheMerchantAnswers2xx() throws Exception {
		String prepayId = prepayId("1003", 1250);
		this.refuseNext.set(2);

		HttpResponse<String> paid = pay("{\"prepayId\":\"" + prepayId + "\"}");
		assertThat(paid.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(paid.body()).get("tradeState").asString()).isEqualTo("SUCCESS");

		List<Received> received = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Received notify = this.notifies.poll(5, TimeUnit.SECONDS);
			assertThat(notify).as("notify attempt %d", i + 1).isNotNull();
			received.add(notify);
		}
		for (Received notify : received) {
			assertThat(notify.serial()).isEqualTo(this.keys.publicKeyId());
			assertThat(verifies(notify.timestamp() + "\n" + notify.nonce() + "\n" + notify.body() + "\n",
					notify.signature()))
				.isTrue();
		}
		JsonNode body = this.json.readTree(received.get(2).body());
		assertThat(body.get("event_type").asString()).isEqualTo("TRANSACTION.SUCCESS");
		JsonNode transaction = decrypt(body.get("resource"));
		assertThat(transaction.get("out_trade_no").asString()).isEqualTo("1003");
		assertThat(transaction.get("mchid").asString()).isEqualTo(MCHID);
		assertThat(transaction.get("appid").asString()).isEqualTo(APPID);
		assertThat(transaction.get("trade_state").asString()).isEqualTo("SUCCESS");
		assertThat(transaction.get("amount").get("total").asLong()).isEqualTo(1250);
		assertThat(transaction.get("transaction_id").asString())
			.isEqualTo(this.json.readTree(paid.body()).get("transactionId").asString());
		// answered 2xx: no fourth attempt
		assertThat(this.notifies.poll(600, TimeUnit.MILLISECONDS)).isNull();

		HttpResponse<String> query = call("GET", "/v3/pay/transactions/out-trade-no/1003?mchid=" + MCHID, "");
		assertThat(query.statusCode()).isEqualTo(200);
		assertSignedByPlatform(query);
		assertThat(this.json.readTree(query.body()).get("trade_state").asString()).isEqualTo("SUCCESS");
	}

	@Test
	void aFailedPaymentIsNotNotifiedAndShowsPayErrorWhenQueried() throws Exception {
		String prepayId = prepayId("1004", 100);
		HttpResponse<String> failed = pay("{\"prepayId\":\"" + prepayId + "\",\"result\":\"FAIL\"}");
		assertThat(this.json.readTree(failed.body()).get("tradeState").asString()).isEqualTo("PAYERROR");
		assertThat(this.notifies.poll(500, TimeUnit.MILLISECONDS)).isNull();
		assertThat(this.json.readTree(call("GET", "/v3/pay/transactions/out-trade-no/1004?mchid=" + MCHID, "").body())
			.get("trade_state")
			.asString()).isEqualTo("PAYERROR");
	}

	@Test
	void aPaymentWhoseNotifyIsLostIsPaidWhenQueried() throws Exception {
		String prepayId = prepayId("1008", 100);
		assertThat(this.json.readTree(pay("{\"prepayId\":\"" + prepayId + "\",\"notify\":false}").body())
			.get("tradeState")
			.asString()).isEqualTo("SUCCESS");
		assertThat(this.notifies.poll(500, TimeUnit.MILLISECONDS)).isNull();
		assertThat(this.json.readTree(call("GET", "/v3/pay/transactions/out-trade-no/1008?mchid=" + MCHID, "").body())
			.get("trade_state")
			.asString()).isEqualTo("SUCCESS");
	}

	@Test
	void aClosedOrderCannotBePaidAndAPaidOrderCannotBeClosed() throws Exception {
		String closedPrepay = prepayId("1005", 100);
		HttpResponse<String> close = call("POST", "/v3/pay/transactions/out-trade-no/1005/close",
				"{\"mchid\":\"" + MCHID + "\"}");
		assertThat(close.statusCode()).isEqualTo(204);
		assertSignedByPlatform(close);
		assertThat(pay("{\"prepayId\":\"" + closedPrepay + "\"}").statusCode()).isEqualTo(409);

		String paidPrepay = prepayId("1006", 100);
		pay("{\"prepayId\":\"" + paidPrepay + "\"}");
		HttpResponse<String> tooLate = call("POST", "/v3/pay/transactions/out-trade-no/1006/close",
				"{\"mchid\":\"" + MCHID + "\"}");
		assertThat(tooLate.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(tooLate.body()).get("code").asString()).isEqualTo("ORDERPAID");
	}

	@Test
	void aRefundNeverExceedsThePaymentAndSucceedsWithASignedNotify() throws Exception {
		String prepayId = prepayId("1007", 1000);
		pay("{\"prepayId\":\"" + prepayId + "\"}");
		assertThat(this.notifies.poll(5, TimeUnit.SECONDS)).isNotNull();

		HttpResponse<String> first = call("POST", "/v3/refund/domestic/refunds", refund("1007", "r1", 600, 1000));
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(first.body()).get("status").asString()).isEqualTo("PROCESSING");
		HttpResponse<String> tooMuch = call("POST", "/v3/refund/domestic/refunds", refund("1007", "r2", 401, 1000));
		assertThat(tooMuch.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(tooMuch.body()).get("code").asString()).isEqualTo("NOT_ENOUGH");

		Received notify = this.notifies.poll(5, TimeUnit.SECONDS);
		assertThat(notify).isNotNull();
		JsonNode body = this.json.readTree(notify.body());
		assertThat(body.get("event_type").asString()).isEqualTo("REFUND.SUCCESS");
		JsonNode refund = decrypt(body.get("resource"));
		assertThat(refund.get("out_refund_no").asString()).isEqualTo("r1");
		assertThat(refund.get("refund_status").asString()).isEqualTo("SUCCESS");
		assertThat(refund.get("amount").get("refund").asLong()).isEqualTo(600);
		assertThat(
				this.json.readTree(call("GET", "/v3/refund/domestic/refunds/r1", "").body()).get("status").asString())
			.isEqualTo("SUCCESS");
	}

	@Test
	void theMerchantsKeysAreWrittenAsTheMerchantPlatformHandsThemOut(@TempDir Path dir) throws Exception {
		this.keys.writeTo(dir);
		assertThat(Files.readString(dir.resolve(PayStubKeys.MERCHANT_PRIVATE_KEY)))
			.startsWith("-----BEGIN PRIVATE KEY-----\n");
		assertThat(Files.readString(dir.resolve(PayStubKeys.PLATFORM_PUBLIC_KEY)))
			.startsWith("-----BEGIN PUBLIC KEY-----\n");
		assertThat(Files.readString(dir.resolve(PayStubKeys.API_V3_KEY))).hasSize(32);
		assertThat(Files.getPosixFilePermissions(dir.resolve(PayStubKeys.MERCHANT_PRIVATE_KEY))).hasSize(2)
			.allMatch((permission) -> permission.name().startsWith("OWNER_"));
		// no log line carries a key
		synchronized (this.requestLog) {
			assertThat(this.requestLog).noneMatch((line) -> line.contains(this.keys.apiV3Key()));
		}
	}

	/** A signed JSAPI prepay of this order; the prepay id. */
	private String prepayId(String outTradeNo, long total) throws Exception {
		return this.json.readTree(call("POST", "/v3/pay/transactions/jsapi", prepay(outTradeNo, total)).body())
			.get("prepay_id")
			.asString();
	}

	private String prepay(String outTradeNo, long total) {
		return "{\"appid\":\"" + APPID + "\",\"mchid\":\"" + MCHID + "\",\"description\":\"Order " + outTradeNo
				+ "\",\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"http://127.0.0.1:"
				+ this.merchant.getAddress().getPort() + "/notify\",\"amount\":{\"total\":" + total
				+ ",\"currency\":\"CNY\"},\"payer\":{\"openid\":\"mock-openid-alice\"}}";
	}

	private String refund(String outTradeNo, String outRefundNo, long amount, long total) {
		return "{\"out_trade_no\":\"" + outTradeNo + "\",\"out_refund_no\":\"" + outRefundNo
				+ "\",\"reason\":\"test\",\"notify_url\":\"http://127.0.0.1:" + this.merchant.getAddress().getPort()
				+ "/notify\",\"amount\":{\"refund\":" + amount + ",\"total\":" + total + ",\"currency\":\"CNY\"}}";
	}

	private HttpResponse<String> pay(String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + "/stub/pay"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	/** A request signed by the merchant, as the SDK signs it. */
	private HttpResponse<String> call(String method, String url, String body) throws Exception {
		return send(method, url, body, authorization(method, url, body, Instant.now().getEpochSecond()));
	}

	private HttpResponse<String> send(String method, String url, String body, String authorization) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + url))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Authorization", authorization)
			.timeout(Duration.ofSeconds(5))
			.method(method,
					body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	private String authorization(String method, String url, String body, long timestamp) {
		String nonce = PayStubKeys.randomText(32);
		String signature = PayStubKeys.sign(this.keys.merchantPrivateKey(),
				method + "\n" + url + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n");
		return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + MCHID + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + timestamp
				+ "\",serial_no=\"" + this.keys.merchantSerialNumber() + "\",signature=\"" + signature + "\"";
	}

	private void assertSignedByPlatform(HttpResponse<String> response) throws Exception {
		assertThat(response.headers().firstValue("Wechatpay-Serial")).hasValue(this.keys.publicKeyId());
		String message = response.headers().firstValue("Wechatpay-Timestamp").orElseThrow() + "\n"
				+ response.headers().firstValue("Wechatpay-Nonce").orElseThrow() + "\n" + response.body() + "\n";
		assertThat(verifies(message, response.headers().firstValue("Wechatpay-Signature").orElseThrow())).isTrue();
	}

	private boolean verifies(String message, String signature) throws Exception {
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(this.keys.platformPublicKey());
		verifier.update(message.getBytes(StandardCharsets.UTF_8));
		return verifier.verify(Base64.getDecoder().decode(signature));
	}

	private JsonNode decrypt(JsonNode resource) throws Exception {
		assertThat(resource.get("algorithm").asString()).isEqualTo("AEAD_AES_256_GCM");
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE,
				new SecretKeySpec(this.keys.apiV3Key().getBytes(StandardCharsets.UTF_8), "AES"),
				new GCMParameterSpec(128, resource.get("nonce").asString().getBytes(StandardCharsets.UTF_8)));
		cipher.updateAAD(resource.get("associated_data").asString().getBytes(StandardCharsets.UTF_8));
		return this.json
			.readTree(new String(cipher.doFinal(Base64.getDecoder().decode(resource.get("ciphertext").asString())),
					StandardCharsets.UTF_8));
	}

	private record Received(String timestamp, String nonce, String serial, String signature, String body) {
	}

}
