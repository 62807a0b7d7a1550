package io.minibase.order.ordering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.minibase.common.events.Outbox;
import io.minibase.localservers.HeldPort;
import io.minibase.localservers.Ports;
import io.minibase.wechatstub.PayStubKeys;
import io.minibase.wechatstub.WeChatPayStub;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * WeChat Pay for an integration test: the stub with a merchant of its own, order-service
 * configured for it as the local stack does, and a port held for order-service so that
 * the notify URL is known before it starts. One per test class.
 */
public final class StubbedWeChatPay implements AutoCloseable {

	static final String MERCHANT_ID = "1900000109";

	static final String APP_ID = "wx-local-stack";

	final PayStubKeys keys = PayStubKeys.generate(MERCHANT_ID, APP_ID);

	final WeChatPayStub stub;

	/** order-service's port: WeChat Pay's notify URL names it. */
	final HeldPort port = Ports.hold(0);

	private final Path keyDir;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	public StubbedWeChatPay() {
		try {
			this.keyDir = Files.createTempDirectory("wechat-pay-keys");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.keys.writeTo(this.keyDir);
		this.stub = WeChatPayStub.start(0, this.keys, (line) -> {
		});
	}

	/** order-service's settings: the stub's merchant, the stub's URL, the held port. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("server.port", this.port::port);
		registry.add("order.payment.provider", () -> "wechat-pay");
		// tests reconcile by hand: a round of another test class's service would ask its
		// own stub about this one's payments
		registry.add("order.payment.reconciliation.interval", () -> "1h");
		registry.add("order.payment.wechat.merchant-id", this.keys::merchantId);
		registry.add("order.payment.wechat.merchant-serial-number", this.keys::merchantSerialNumber);
		registry.add("order.payment.wechat.private-key-file",
				() -> this.keyDir.resolve(PayStubKeys.MERCHANT_PRIVATE_KEY).toString());
		registry.add("order.payment.wechat.api-v3-key-file",
				() -> this.keyDir.resolve(PayStubKeys.API_V3_KEY).toString());
		registry.add("order.payment.wechat.public-key-id", this.keys::publicKeyId);
		registry.add("order.payment.wechat.public-key-file",
				() -> this.keyDir.resolve(PayStubKeys.PLATFORM_PUBLIC_KEY).toString());
		registry.add("order.payment.wechat.app-id", this.keys::appId);
		registry.add("order.payment.wechat.notify-url", this::notifyUrl);
		registry.add("order.payment.wechat.api-base-url", this.stub::baseUrl);
	}

	@Override
	public void close() {
		this.stub.close();
		this.port.close();
	}

	String notifyUrl() {
		return "http://127.0.0.1:" + this.port.port() + "/api/payments/wechat/notify";
	}

	/**
	 * Tells order-service the user's openid as auth-service does at login: the event goes
	 * through the outbox, the relay and the topic to its consumer.
	 */
	static void linkOpenid(Outbox outbox, TransactionTemplate transactions, String userId) {
		transactions.executeWithoutResult(
				(tx) -> outbox.append("auth.openids.v1", "auth.WeChatOpenidLinked.v1", userId, Map.of("userId", userId,
						"appId", APP_ID, "openid", "mock-openid-" + userId, "linkedAt", Instant.now().toString())));
	}

	/** The buyer pays (or fails to): {@code POST /stub/pay} on the stub. */
	HttpResponse<String> pay(String prepayId, String result) throws Exception {
		return stubPay((result != null) ? "{\"prepayId\":\"" + prepayId + "\",\"result\":\"" + result + "\"}"
				: "{\"prepayId\":\"" + prepayId + "\"}");
	}

	/** The buyer pays, and WeChat Pay's notify is lost on the way. */
	HttpResponse<String> payWithoutNotify(String prepayId) throws Exception {
		return stubPay("{\"prepayId\":\"" + prepayId + "\",\"notify\":false}");
	}

	private HttpResponse<String> stubPay(String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + "/stub/pay"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts a notify to order-service as WeChat Pay would, with these headers. */
	HttpResponse<String> notify(String body, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(notifyUrl()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
