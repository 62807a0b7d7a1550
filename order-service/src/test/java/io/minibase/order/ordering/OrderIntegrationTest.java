package io.minibase.order.ordering;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.minibase.common.events.EventReader;
import io.minibase.common.events.Outbox;
import io.minibase.testsupport.TestTokens;
import io.minibase.testsupport.UseLocalInfra;
import io.minibase.wechatstub.WeChatStub;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * order-service on real MariaDB, Redis and Kafka, a fake catalog answering on the real
 * topics, a fake file-service over HTTP, and the WeChat Pay stub as WeChat Pay, with what
 * its tests do as a buyer over HTTP. The test classes share one application (and one
 * stub): the same configuration, so Spring's context cache starts it once, and no second
 * service asks its own stub about this one's payments.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = { "minibase.events.relay.interval=50ms",
		// the tests sweep by hand
		"order.expiry.sweep-interval=1h", "order.expiry.batch-size=1", "order.completion.sweep-interval=1h",
		"minibase.operator.password=" + OrderIntegrationTest.OPERATOR_PASSWORD,
		// WeChat notices (WeChatNoticesIT): every message on, sweeps fast
		"order.wechat.messages.paid.template-id=tpl-paid", "order.wechat.messages.shipped.template-id=tpl-shipped",
		"order.wechat.messages.expiring.template-id=tpl-expiring",
		"order.wechat.messages.refunded.template-id=tpl-refunded", "order.wechat.reminder.sweep-interval=200ms",
		"order.wechat.shipping.sweep-interval=200ms", "order.wechat.shipping.first-retry=100ms" })
@UseLocalInfra(database = "orders", redis = true, kafka = true)
@Import(OrderIntegrationTest.Catalog.class)
abstract class OrderIntegrationTest {

	/** The operator's credential for the actuator's dead-letter replay. */
	static final String OPERATOR_PASSWORD = "operator-secret-for-tests";

	private static final AtomicLong USERS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

	/**
	 * WeChat Pay: paying an order takes the real protocol. It lives as long as the shared
	 * application, until the test JVM ends.
	 */
	static final StubbedWeChatPay PAY = new StubbedWeChatPay();

	/** WeChat's server API (subscribe messages, shipping information), as long as PAY. */
	static final WeChatStub WECHAT = WeChatStub.start(0, (line) -> {
	});

	/** file-service's answer to whose after-sale photos are, as long as PAY. */
	static final FakeFiles FILES = FakeFiles.start();

	@DynamicPropertySource
	static void authServiceAndWeChatPay(DynamicPropertyRegistry registry) {
		registry.add("order.files.base-url", FILES::baseUrl);
		registry.add("minibase.tokens.jwk-set-uri", TestTokens::jwksUri);
		PAY.register(registry);
		registry.add("minibase.wechat.base-url", WECHAT::baseUrl);
	}

	/** Imported, not found: nested configuration of a superclass is not looked for. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Catalog {

		@Bean
		FakeCatalog fakeCatalog(EventReader reader, Outbox outbox, TransactionTemplate transactions) {
			return new FakeCatalog(reader, outbox, transactions);
		}

	}

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	OrderExpiry expiry;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	FakeCatalog catalog;

	@Autowired
	StringRedisTemplate redis;

	/**
	 * The products here are the fake catalog's, named by small numbers that catalog's own
	 * tests on the same Redis may have marked sold out for their real products.
	 */
	@BeforeEach
	void noSoldOutMarks() {
		Set<String> marks = this.redis.keys("catalog:sold-out:*");
		if (!marks.isEmpty()) {
			this.redis.delete(marks);
		}
	}

	static String newUserId() {
		return String.valueOf(USERS.incrementAndGet());
	}

	static String newUser() {
		return TestTokens.user(newUserId());
	}

	/**
	 * A user whose openid order-service has been told (as auth-service tells it, through
	 * the outbox and the topic), so that they can pay; their id.
	 */
	String newBuyerId() {
		String userId = newUserId();
		StubbedWeChatPay.linkOpenid(this.outbox, this.transactions, userId);
		await("openid of user " + userId + " copied").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM buyer WHERE user_id = ?", Integer.class,
					Long.parseLong(userId)) == 1);
		return userId;
	}

	/** A buyer's token, see {@link #newBuyerId()}. */
	String newBuyer() {
		return TestTokens.user(newBuyerId());
	}

	/** The prepay id of paying the order, as {@code wx.requestPayment} gets it. */
	String prepay(String token, String id) throws Exception {
		HttpResponse<String> pay = post(token, "/api/orders/" + id + "/pay");
		assertThat(pay.statusCode()).as(pay.body()).isEqualTo(200);
		return body(pay).get("requestPayment").get("package").asString().substring("prepay_id=".length());
	}

	/** Pays as a buyer does, the prepay then the stub; WeChat Pay's transaction id. */
	String payAtTheStub(String token, String id) throws Exception {
		HttpResponse<String> paid = PAY.pay(prepay(token, id), null);
		assertThat(paid.statusCode()).isEqualTo(200);
		return body(paid).get("transactionId").asString();
	}

	/** Makes the order due and sweeps until it has expired. */
	void expire(String token, String id) {
		this.jdbc.update("UPDATE orders SET expires_at = CURRENT_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE id = ?",
				Long.parseLong(id));
		await("order " + id + " expired").atMost(Duration.ofSeconds(30)).until(() -> {
			this.expiry.expireBatch();
			return "CANCELLED".equals(body(get(token, "/api/orders/" + id)).get("status").asString());
		});
	}

	/** A delivery address of this user, added as the mini-program adds it; its id. */
	String address(String token) throws Exception {
		HttpResponse<String> added = send(
				request("/api/users/me/addresses", token).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"name\":\"张三\",\"phone\":\"13812345678\",\"province\":\"广东省\","
								+ "\"city\":\"深圳市\",\"district\":\"南山区\",\"detail\":\"科技园路1号\"}")));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		return body(added).get("id").asString();
	}

	/**
	 * An order of this buyer to one of their addresses, placed, reserved and paid at the
	 * stub; its id.
	 */
	String paidOrder(String token, String productId, int quantity) throws Exception {
		HttpResponse<String> placed = place(token, key(), "{\"items\":[{\"productId\":\"" + productId
				+ "\",\"quantity\":" + quantity + "}],\"addressId\":\"" + address(token) + "\"}");
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String id = body(placed).get("id").asString();
		awaitStatus(token, id, "AWAITING_PAYMENT");
		payAtTheStub(token, id);
		awaitStatus(token, id, "PAID");
		return id;
	}

	/** A request of an admin. */
	HttpResponse<String> admin(String method, String path, String body) throws Exception {
		return send(request(path, TestTokens.token("ADMIN")).header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

	JsonNode awaitStatus(String token, String id, String status) {
		return await("order " + id + " becoming " + status).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> body(get(token, "/api/orders/" + id)),
					(order) -> order.get("status").asString().equals(status));
	}

	static String key() {
		return UUID.randomUUID().toString();
	}

	HttpResponse<String> place(String token, String key, String body) throws Exception {
		return send(request("/api/orders", token).header("Idempotency-Key", key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> get(String token, String path) throws Exception {
		return send(request(path, token).GET());
	}

	HttpResponse<String> post(String token, String path) throws Exception {
		return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
	}

	HttpRequest.Builder request(String path, String token) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PAY.port.port() + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + token);
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	JsonNode body(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

}
