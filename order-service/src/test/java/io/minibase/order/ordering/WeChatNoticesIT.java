package io.minibase.order.ordering;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.testsupport.EventSchemas;
import io.minibase.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What WeChat is told about orders (io.minibase.order.wechat), on the shared application
 * and the WeChat stub: the buyers' subscribe messages from order events, the "about to
 * expire" reminder, and the shipping information of shipped orders.
 */
class WeChatNoticesIT extends OrderIntegrationTest {

	@Autowired
	MeterRegistry meters;

	@Test
	void aPaidThenShippedOrderTellsItsBuyerTwiceAndWeChatItsShipping() throws Exception {
		String userId = newBuyerId();
		String token = TestTokens.user(userId);
		String id = paidOrder(token, "51", 2);
		JsonNode paid = awaitMessage(userId, "tpl-paid");
		assertThat(paid.get("page").asString()).isEqualTo("pages/order/detail?id=" + id);
		assertThat(paid.get("data").get("character_string1").get("value").asString()).isEqualTo(id);
		assertThat(paid.get("data").get("amount3").get("value").asString())
			.isEqualTo(String.format("%d.%02d元", 2 * FakeCatalog.PRICE / 100, 2 * FakeCatalog.PRICE % 100));
		assertThat(paid.get("miniprogram_state").asString()).isEqualTo("formal");

		HttpResponse<String> shipped = admin("POST", "/api/admin/orders/" + id + "/ship",
				"{\"carrier\":\"顺丰速运\",\"trackingNo\":\"SF7770001\"}");
		assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
		JsonNode message = awaitMessage(userId, "tpl-shipped");
		assertThat(message.get("data").get("thing3").get("value").asString()).isEqualTo("顺丰速运");
		assertThat(message.get("data").get("character_string4").get("value").asString()).isEqualTo("SF7770001");

		JsonNode upload = awaitUpload("SF7770001");
		String transactionId = this.jdbc.queryForObject("SELECT transaction_id FROM payment WHERE order_id = ?",
				String.class, Long.parseLong(id));
		assertThat(upload.get("order_key").get("transaction_id").asString()).isEqualTo(transactionId);
		assertThat(upload.get("payer").get("openid").asString()).isEqualTo("mock-openid-" + userId);
		JsonNode item = upload.get("shipping_list").get(0);
		assertThat(item.get("express_company").asString()).isEqualTo("SF");
		assertThat(item.get("contact").get("receiver_contact").asString()).isEqualTo("138****5678");
		assertThat(upload.get("upload_time").asString()).endsWith("+08:00");
		assertThat(uploadStatus(id)).isEqualTo("UPLOADED");
		assertThat(WECHAT.subscribeMessages().stream().filter((m) -> isFor(m, userId))).hasSize(2);
	}

	@Test
	void aBuyerWhoDidNotSubscribeIsCountedAndNotAskedAgain() throws Exception {
		String userId = newUserId();
		this.jdbc.update(
				"INSERT INTO buyer (user_id, app_id, openid, linked_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP(3))",
				Long.parseLong(userId), StubbedWeChatPay.APP_ID, "mock-openid-nosub-" + userId);
		double before = notSubscribed();
		paidOrder(TestTokens.user(userId), "52", 1);

		await("the refusal counted").atMost(Duration.ofSeconds(30)).until(() -> notSubscribed() > before);
		assertThat(WECHAT.subscribeMessages().stream().filter((m) -> isFor(m, "nosub-" + userId))).isEmpty();
		assertThat(notSubscribed()).isEqualTo(before + 1);
	}

	@Test
	void aMessageWeChatKeepsFailingIsDeadLetteredAndSentWhenTheOperatorReplaysIt() throws Exception {
		String userId = newBuyerId();
		double before = deadLetters();
		WECHAT.busy(true);
		try {
			paidOrder(TestTokens.user(userId), "55", 1);
			// retried (common-events: 4 deliveries, backing off), then to
			// order.orders.v1.dlt
			await("the paid message dead-lettered").atMost(Duration.ofSeconds(60)).until(() -> deadLetters() > before);
		}
		finally {
			WECHAT.busy(false);
		}
		assertThat(WECHAT.subscribeMessages().stream().filter((m) -> isFor(m, userId))).isEmpty();

		HttpResponse<String> replayed = send(
				HttpRequest.newBuilder(request("/actuator/deadletters/order.orders.v1", "unused").build().uri())
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
					.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		// the replayed event reaches every group again; the others have applied it and
		// skip it, this one sends the message now
		awaitMessage(userId, "tpl-paid");
		assertThat(WECHAT.subscribeMessages().stream().filter((m) -> isFor(m, userId))).hasSize(1);
	}

	@Test
	void aShipmentWhosePaymentWeChatDoesNotKnowYetIsUploadedWhenItDoes() throws Exception {
		String token = newBuyer();
		String id = paidOrder(token, "53", 1);
		assertThat(admin("POST", "/api/admin/orders/" + id + "/ship",
				"{\"carrier\":\"ZTO\",\"trackingNo\":\"NOTYET" + id + "\"}")
			.statusCode()).isEqualTo(200);

		JsonNode upload = awaitUpload("NOTYET" + id);
		assertThat(upload.get("shipping_list").get(0).get("express_company").asString()).isEqualTo("ZTO");
		// two 10060001, then WeChat knows the payment
		assertThat(this.jdbc.queryForObject("SELECT attempts FROM wechat_shipping_upload WHERE order_id = ?",
				Integer.class, Long.parseLong(id)))
			.isEqualTo(3);
		assertThat(uploadStatus(id)).isEqualTo("UPLOADED");
	}

	@Test
	void anUnpaidOrderCloseToItsExpiryRemindsItsBuyerOnceAndAPaidOneNever() throws Exception {
		String userId = newBuyerId();
		String token = TestTokens.user(userId);
		HttpResponse<String> placed = place(token, key(),
				"{\"items\":[{\"productId\":\"54\",\"quantity\":1}],\"addressId\":\"" + address(token) + "\"}");
		String id = body(placed).get("id").asString();
		awaitStatus(token, id, "AWAITING_PAYMENT");
		this.jdbc.update("UPDATE orders SET expires_at = CURRENT_TIMESTAMP(3) + INTERVAL 60 SECOND WHERE id = ?",
				Long.parseLong(id));

		JsonNode reminder = awaitMessage(userId, "tpl-expiring");
		assertThat(reminder.get("data").get("character_string1").get("value").asString()).isEqualTo(id);
		assertThat(reminder.get("data").get("thing4").get("value").asString()).isEqualTo("订单即将取消,请尽快支付");
		assertThat(payloads(id, "order.OrderExpiryNeared.v1")).singleElement()
			.satisfies((payload) -> EventSchemas.assertConforms("order.OrderExpiryNeared.v1", payload));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM wechat_expiry_reminder WHERE order_id = ?",
				Integer.class, Long.parseLong(id)))
			.isEqualTo(1);
	}

	@Test
	void aRefundedOrderTellsItsBuyer() throws Exception {
		String userId = newBuyerId();
		String id = paidOrder(TestTokens.user(userId), "55", 1);
		HttpResponse<String> refund = admin("POST", "/api/admin/orders/" + id + "/refund", "{\"reason\":\"sold out\"}");
		assertThat(refund.statusCode()).as(refund.body()).isEqualTo(202);

		JsonNode message = awaitMessage(userId, "tpl-refunded");
		assertThat(message.get("data").get("amount2").get("value").asString())
			.isEqualTo(String.format("%d.%02d元", FakeCatalog.PRICE / 100, FakeCatalog.PRICE % 100));
	}

	private JsonNode awaitMessage(String userId, String template) {
		return await(template + " message to user " + userId).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> WECHAT.subscribeMessages()
				.stream()
				.filter((m) -> isFor(m, userId) && template.equals(m.get("template_id").asString()))
				.findFirst()
				.orElse(null), (m) -> m != null);
	}

	private JsonNode awaitUpload(String trackingNo) {
		return await("shipping of " + trackingNo + " uploaded").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> WECHAT.shippingUploads()
				.stream()
				.filter((u) -> trackingNo.equals(u.get("shipping_list").get(0).get("tracking_no").asString()))
				.findFirst()
				.orElse(null), (u) -> u != null);
	}

	private String uploadStatus(String id) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("SELECT status FROM wechat_shipping_upload WHERE order_id = ?",
					String.class, Long.parseLong(id)), (status) -> !"PENDING".equals(status));
	}

	private static boolean isFor(JsonNode message, String userId) {
		return ("mock-openid-" + userId).equals(message.get("touser").asString());
	}

	private double deadLetters() {
		var counter = this.meters.find("minibase.events.dead.letters").tags("topic", "order.orders.v1").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double notSubscribed() {
		var counter = this.meters.find("order.wechat.messages")
			.tags("kind", "paid", "outcome", "not_subscribed")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private List<String> payloads(String id, String type) {
		return this.jdbc.queryForList("SELECT payload FROM outbox WHERE subject = ? AND event_type = ?", String.class,
				id, type);
	}

}
