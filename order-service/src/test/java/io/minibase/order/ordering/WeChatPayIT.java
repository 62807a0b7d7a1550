package io.minibase.order.ordering;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.order.payment.OutTradeNo;
import io.minibase.order.payment.Payments;
import io.minibase.order.payment.Refunds;
import io.minibase.testsupport.EventSchemas;
import io.minibase.testsupport.TestTokens;
import io.minibase.wechatstub.PayStubKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Paying through WeChat Pay API v3 end to end: order-service on real MariaDB, Redis and
 * Kafka, the WeChat Pay stub as WeChat Pay (its own keys, signed answers, signed and
 * encrypted notifies), the buyer's openid fed through Kafka as auth-service feeds it.
 */
@ExtendWith(OutputCaptureExtension.class)
class WeChatPayIT extends OrderIntegrationTest {

	@Autowired
	MeterRegistry meters;

	@Autowired
	Payments payments;

	@Autowired
	Refunds refunds;

	@Test
	void theOrderIsPaidOnceTheBuyerPaysAtTheStubAndAWaitingReadSeesIt() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("21", 2);

		HttpResponse<String> pay = buyer.post("/api/orders/" + id + "/pay");
		assertThat(pay.statusCode()).isEqualTo(200);
		JsonNode answer = body(pay);
		assertThat(answer.get("orderId").asString()).isEqualTo(id);
		assertThat(answer.get("status").asString()).isEqualTo("AWAITING_PAYMENT");
		JsonNode requestPayment = answer.get("requestPayment");
		assertThat(requestPayment.propertyNames()).containsExactlyInAnyOrder("timeStamp", "nonceStr", "package",
				"signType", "paySign");
		assertThat(requestPayment.get("signType").asString()).isEqualTo("RSA");
		String prepayId = requestPayment.get("package").asString().substring("prepay_id=".length());
		// paying again is the same prepay order, not a second one
		assertThat(body(buyer.post("/api/orders/" + id + "/pay")).get("requestPayment")).isEqualTo(requestPayment);

		HttpResponse<String> paid = PAY.pay(prepayId, null);
		assertThat(paid.statusCode()).isEqualTo(200);
		// the waiting read is answered when the notify lands; how fast is the bench's to
		// measure, not a clock in a test that shares its 2 cores with a whole build
		JsonNode order = body(
				buyer.send(buyer.request("/api/orders/" + id + "?paid=true").header("Prefer", "wait=10")));
		assertThat(order.get("status").asString()).isEqualTo("PAID");

		List<String> payloads = this.jdbc.queryForList(
				"SELECT payload FROM outbox WHERE subject = ? AND event_type = 'order.OrderPaid.v1'", String.class, id);
		assertThat(payloads).hasSize(1);
		EventSchemas.assertConforms("order.OrderPaid.v1", payloads.get(0));
		assertThat(payloads.get(0)).contains(body(paid).get("transactionId").asString());
		assertThat(buyer.post("/api/orders/" + id + "/pay").statusCode()).isEqualTo(409);
	}

	@Test
	void theSameTransactionNotifiedAgainIsAppliedOnce() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("22", 1);
		String transactionId = buyer.payAtTheStub(id);
		buyer.awaitStatus(id, "PAID");

		// WeChat Pay sends it again (our 204 was lost): accepted, nothing changes
		PayStubKeys.SignedNotify again = notify(id, transactionId, FakeCatalog.PRICE, PAY.keys);
		assertThat(PAY.notify(again.body(), again.headers()).statusCode()).isEqualTo(204);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM outbox WHERE subject = ? AND event_type = 'order.OrderPaid.v1'", Integer.class,
				id))
			.isEqualTo(1);
	}

	@Test
	void aNotifyOfTheWrongAmountChangesNothingAndTheRealPaymentStillLands() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("23", 1);
		String prepayId = buyer.prepay(id);

		PayStubKeys.SignedNotify wrong = notify(id, "4200000000000000000000000023", FakeCatalog.PRICE + 1, PAY.keys);
		HttpResponse<String> refused = PAY.notify(wrong.body(), wrong.headers());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(body(refused).get("code").asString()).isEqualTo("FAIL");
		assertThat(body(buyer.get("/api/orders/" + id)).get("status").asString()).isEqualTo("AWAITING_PAYMENT");
		assertThat(this.jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?", String.class,
				Long.parseLong(id)))
			.isEqualTo("PREPAID");

		PAY.pay(prepayId, null);
		buyer.awaitStatus(id, "PAID");
	}

	@Test
	void aNotifyForAnOrderUnknownHereIsAnsweredSoThatWeChatPayRetries() throws Exception {
		PayStubKeys.SignedNotify unknown = notify("999999999999", "4200000000000000000000000024", 100, PAY.keys);
		HttpResponse<String> answer = PAY.notify(unknown.body(), unknown.headers());
		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(body(answer).get("code").asString()).isEqualTo("FAIL");
		assertThat(body(answer).get("message").asString()).isNotBlank();
	}

	@Test
	void aPaymentNotifiedAfterTheOrderExpiredDoesNotReviveItAndIsRefunded() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("25", 1);
		String prepayId = buyer.prepay(id);
		expire(buyer.token, id);

		// the buyer had the payment sheet open and paid anyway
		PAY.pay(prepayId, null);
		await("payment of expired order " + id + " marked REFUND_DUE").atMost(Duration.ofSeconds(10))
			.until(() -> "REFUND_DUE".equals(this.jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?",
					String.class, Long.parseLong(id))));
		assertThat(body(buyer.get("/api/orders/" + id)).get("status").asString()).isEqualTo("CANCELLED");

		// reconciliation gives the money back, wholly, once
		await("payment of expired order " + id + " refunded").atMost(Duration.ofSeconds(30)).until(() -> {
			this.refunds.refundDue(50);
			return this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM refund WHERE order_id = ? AND status = 'SUCCESS' AND amount_fen = ?",
					Integer.class, Long.parseLong(id), FakeCatalog.PRICE) == 1;
		});
		this.refunds.refundDue(50);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM refund WHERE order_id = ?", Integer.class,
				Long.parseLong(id)))
			.isEqualTo(1);
		assertThat(body(buyer.get("/api/orders/" + id)).get("status").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void aPaymentWhoseNotifyWasLostIsSettledByReconciliation() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("29", 1);
		String transactionId = body(PAY.payWithoutNotify(buyer.prepay(id))).get("transactionId").asString();
		assertThat(body(buyer.get("/api/orders/" + id)).get("status").asString()).isEqualTo("AWAITING_PAYMENT");

		// a minute later, still unconfirmed: reconciliation asks WeChat Pay
		this.jdbc.update("UPDATE payment SET created_at = CURRENT_TIMESTAMP(3) - INTERVAL 2 MINUTE WHERE order_id = ?",
				Long.parseLong(id));
		await("order " + id + " settled by reconciliation").atMost(Duration.ofSeconds(30)).until(() -> {
			this.payments.reconcile();
			return "PAID".equals(body(buyer.get("/api/orders/" + id)).get("status").asString());
		});
		List<String> paid = this.jdbc.queryForList(
				"SELECT payload FROM outbox WHERE subject = ? AND event_type = 'order.OrderPaid.v1'", String.class, id);
		assertThat(paid).singleElement().asString().contains(transactionId);
	}

	@Test
	void theWeChatPayOrderOfAnExpiredOrderIsClosedSoItCanNoLongerBePaid() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("30", 1);
		String prepayId = buyer.prepay(id);
		expire(buyer.token, id);
		await("payment of expired order " + id + " closed").atMost(Duration.ofSeconds(30)).until(() -> {
			this.payments.reconcile();
			return "CLOSED".equals(this.jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?",
					String.class, Long.parseLong(id)));
		});
		assertThat(PAY.pay(prepayId, null).statusCode()).isEqualTo(409);
	}

	@Test
	void aFailedPaymentLeavesTheOrderAwaitingPayment() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("26", 1);
		HttpResponse<String> failed = PAY.pay(buyer.prepay(id), "FAIL");
		assertThat(body(failed).get("tradeState").asString()).isEqualTo("PAYERROR");
		JsonNode order = body(buyer.send(buyer.request("/api/orders/" + id + "?paid=true").header("Prefer", "wait=1")));
		assertThat(order.get("status").asString()).isEqualTo("AWAITING_PAYMENT");
	}

	@Test
	void aForgedNotifyIsRefusedLoggedWithoutSecretsAndCounted(CapturedOutput output) throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("27", 1);
		buyer.prepay(id);
		double before = refused("forged");
		PayStubKeys impostor = PayStubKeys.generate(StubbedWeChatPay.MERCHANT_ID, StubbedWeChatPay.APP_ID);
		PayStubKeys.SignedNotify forged = notify(id, "4200000000000000000000000027", FakeCatalog.PRICE, impostor);
		java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(forged.headers());
		headers.put("Wechatpay-Serial", PAY.keys.publicKeyId());

		HttpResponse<String> answer = PAY.notify(forged.body(), headers);
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(body(answer).get("code").asString()).isEqualTo("FAIL");
		assertThat(body(buyer.get("/api/orders/" + id)).get("status").asString()).isEqualTo("AWAITING_PAYMENT");
		assertThat(refused("forged")).isEqualTo(before + 1);
		assertThat(output.getOut()).contains("Refused a WeChat Pay notify (forged)")
			.doesNotContain(headers.get("Wechatpay-Signature"))
			.doesNotContain(PAY.keys.apiV3Key());
	}

	@Test
	void aBuyerWhoseOpenidHasNotArrivedIsToldToLogInAgain() throws Exception {
		Buyer stranger = new Buyer(newUserId());
		String id = stranger.awaitingPayment("28", 1);
		HttpResponse<String> pay = stranger.post("/api/orders/" + id + "/pay");
		assertThat(pay.statusCode()).isEqualTo(409);
		assertThat(pay.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void anAdminRefundsAWholeOrderAndItIsRefundedWhenWeChatPaySaysSo() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("31", 2);
		buyer.payAtTheStub(id);
		buyer.awaitStatus(id, "PAID");

		HttpResponse<String> refund = admin("/api/admin/orders/" + id + "/refund", "{\"reason\":\"out of stock\"}");
		assertThat(refund.statusCode()).as(refund.body()).isEqualTo(202);
		JsonNode accepted = body(refund);
		assertThat(accepted.get("refundId").asString()).startsWith("RF");
		assertThat(accepted.get("orderId").asString()).isEqualTo(id);
		assertThat(accepted.get("amountFen").asLong()).isEqualTo(2 * FakeCatalog.PRICE);
		assertThat(accepted.get("status").asString()).isEqualTo("PROCESSING");

		// the stub refunds and notifies refund-notify; the order is REFUNDING until then
		buyer.awaitStatus(id, "REFUNDED");
		JsonNode refunds = body(buyer.get("/api/orders/" + id)).get("refunds");
		assertThat(refunds).hasSize(1);
		assertThat(refunds.get(0).get("refundId").asString()).isEqualTo(accepted.get("refundId").asString());
		assertThat(refunds.get(0).get("amountFen").asLong()).isEqualTo(2 * FakeCatalog.PRICE);
		assertThat(refunds.get(0).get("status").asString()).isEqualTo("SUCCESS");
		assertThat(admin("/api/admin/orders/" + id + "/refund", "{\"reason\":\"again\"}").statusCode()).isEqualTo(409);
		for (String type : List.of("order.RefundRequested.v1", "order.OrderRefunded.v1")) {
			List<String> events = this.jdbc.queryForList(
					"SELECT payload FROM outbox WHERE subject = ? AND event_type = ?", String.class, id, type);
			assertThat(events).as(type).hasSize(1);
			EventSchemas.assertConforms(type, events.get(0));
		}
	}

	@Test
	void aRefundWhoseNotifyWasLostIsSettledByReconciliation() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("34", 1);
		buyer.payAtTheStub(id);
		buyer.awaitStatus(id, "PAID");
		assertThat(admin("/api/admin/orders/" + id + "/refund", "{\"reason\":\"lost\"}").statusCode()).isEqualTo(202);
		buyer.awaitStatus(id, "REFUNDED");
		// as if the stub's refund notify had never come: the refund still PROCESSING a
		// while after WeChat Pay accepted it, the order REFUNDING, no OrderRefunded
		long orderId = Long.parseLong(id);
		this.jdbc
			.update("UPDATE refund SET status = 'PROCESSING', updated_at = CURRENT_TIMESTAMP(3) - INTERVAL 2 MINUTE"
					+ " WHERE order_id = ?", orderId);
		this.jdbc.update("UPDATE orders SET status = 'REFUNDING' WHERE id = ?", orderId);
		this.jdbc.update("DELETE FROM outbox WHERE subject = ? AND event_type = 'order.OrderRefunded.v1'", id);

		await("refund of order " + id + " settled by reconciliation").atMost(Duration.ofSeconds(30)).until(() -> {
			this.refunds.reconcile(60_000, 50);
			return "REFUNDED".equals(body(buyer.get("/api/orders/" + id)).get("status").asString());
		});
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM outbox WHERE subject = ? AND event_type = 'order.OrderRefunded.v1'",
				Integer.class, id))
			.isEqualTo(1);
	}

	@Test
	void partialRefundsNeverExceedWhatWasPaidEvenAtTheSameTime() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("32", 3);
		buyer.payAtTheStub(id);
		buyer.awaitStatus(id, "PAID");

		// two admins at once, each for two thirds: one of them gets it
		String twoThirds = "{\"amountFen\":200,\"reason\":\"damaged\"}";
		CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> refundStatus(id, twoThirds));
		CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> refundStatus(id, twoThirds));
		List<Integer> statuses = List.of(first.get(), second.get());
		assertThat(statuses).containsExactlyInAnyOrder(202, 409);
		HttpResponse<String> tooMuch = admin("/api/admin/orders/" + id + "/refund",
				"{\"amountFen\":101,\"reason\":\"damaged\"}");
		assertThat(tooMuch.statusCode()).isEqualTo(409);
		assertThat(body(tooMuch).get("refundableFen").asLong()).isEqualTo(100);
		// a partial refund keeps the order's status
		assertThat(body(buyer.get("/api/orders/" + id)).get("status").asString()).isEqualTo("PAID");

		assertThat(admin("/api/admin/orders/" + id + "/refund", "{\"reason\":\"the rest\"}").statusCode())
			.isEqualTo(202);
		buyer.awaitStatus(id, "REFUNDED");
		JsonNode listed = body(buyer.get("/api/orders?status=REFUNDED")).get("items");
		assertThat(listed.valueStream().filter((order) -> order.get("id").asString().equals(id)).findFirst())
			.hasValueSatisfying((order) -> assertThat(order.get("refunds")).hasSize(2));
		assertThat(
				this.jdbc.queryForObject("SELECT SUM(amount_fen) FROM refund WHERE order_id = ? AND status = 'SUCCESS'",
						Long.class, Long.parseLong(id)))
			.isEqualTo(3 * FakeCatalog.PRICE);
	}

	@Test
	void onlyAnAdminRefundsAndOnlyAPaidOrder() throws Exception {
		Buyer buyer = buyer();
		String id = buyer.awaitingPayment("33", 1);
		HttpResponse<String> byBuyer = buyer.send(buyer.request("/api/admin/orders/" + id + "/refund")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"mine\"}")));
		assertThat(byBuyer.statusCode()).isEqualTo(403);
		assertThat(admin("/api/admin/orders/" + id + "/refund", "{\"reason\":\"unpaid\"}").statusCode()).isEqualTo(409);
		assertThat(admin("/api/admin/orders/999999999999/refund", "{\"reason\":\"none\"}").statusCode()).isEqualTo(404);
		assertThat(admin("/api/admin/orders/" + id + "/refund", "{\"amountFen\":0,\"reason\":\"zero\"}").statusCode())
			.isEqualTo(400);
	}

	@Test
	void aRefundNotifyForARefundUnknownHereIsAnsweredSoThatWeChatPayRetries() throws Exception {
		String refund = "{\"mchid\":\"" + StubbedWeChatPay.MERCHANT_ID
				+ "\",\"out_trade_no\":\"MB000000000000000001\",\"out_refund_no\":\"RF999999999999999999\","
				+ "\"refund_id\":\"50000000000000000000000000001\",\"refund_status\":\"SUCCESS\","
				+ "\"amount\":{\"total\":100,\"refund\":100}}";
		PayStubKeys.SignedNotify notify = PAY.keys.notify("REFUND.SUCCESS", "退款成功", "refund", refund,
				java.time.Instant.now());
		HttpResponse<String> answer = this.http
			.send(HttpRequest.newBuilder(URI.create(PAY.notifyUrl().replace("/notify", "/refund-notify")))
				.header("Content-Type", "application/json")
				.headers(notify.headers()
					.entrySet()
					.stream()
					.flatMap((header) -> java.util.stream.Stream.of(header.getKey(), header.getValue()))
					.toArray(String[]::new))
				.POST(HttpRequest.BodyPublishers.ofString(notify.body()))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(body(answer).get("code").asString()).isEqualTo("FAIL");
	}

	private int refundStatus(String id, String body) {
		try {
			return admin("/api/admin/orders/" + id + "/refund", body).statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A POST by an admin (user 42, role ADMIN). */
	private HttpResponse<String> admin(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PAY.port.port() + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + TestTokens.token("ADMIN"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private double refused(String reason) {
		var counter = this.meters.find("minibase.payments.notifies.refused").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * A payment notify for the order as WeChat Pay (or whoever holds {@code keys}) signs
	 * it.
	 */
	private static PayStubKeys.SignedNotify notify(String orderId, String transactionId, long total, PayStubKeys keys) {
		String transaction = "{\"appid\":\"" + StubbedWeChatPay.APP_ID + "\",\"mchid\":\""
				+ StubbedWeChatPay.MERCHANT_ID + "\",\"out_trade_no\":\"" + OutTradeNo.of(Long.parseLong(orderId))
				+ "\",\"transaction_id\":\"" + transactionId
				+ "\",\"trade_type\":\"JSAPI\",\"trade_state\":\"SUCCESS\","
				+ "\"success_time\":\"2026-12-01T20:00:00+08:00\",\"payer\":{\"openid\":\"x\"},\"amount\":{\"total\":"
				+ total + ",\"currency\":\"CNY\"}}";
		return keys.notify("TRANSACTION.SUCCESS", "支付成功", "transaction", transaction, java.time.Instant.now());
	}

	/** A buyer whose openid order-service has been told. */
	private Buyer buyer() {
		return new Buyer(newBuyerId());
	}

	/** One buyer's requests: the base class's, with their token. */
	private final class Buyer {

		final String userId;

		final String token;

		Buyer(String userId) {
			this.userId = userId;
			this.token = TestTokens.user(userId);
		}

		/** Places an order and returns its id once catalog reserved it. */
		String awaitingPayment(String productId, int quantity) throws Exception {
			HttpResponse<String> placed = place(this.token, key(),
					"{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}]}");
			assertThat(placed.statusCode()).isEqualTo(201);
			String id = body(placed).get("id").asString();
			awaitStatus(id, "AWAITING_PAYMENT");
			return id;
		}

		String prepay(String id) throws Exception {
			return WeChatPayIT.this.prepay(this.token, id);
		}

		String payAtTheStub(String id) throws Exception {
			return WeChatPayIT.this.payAtTheStub(this.token, id);
		}

		void awaitStatus(String id, String status) {
			WeChatPayIT.this.awaitStatus(this.token, id, status);
		}

		HttpResponse<String> get(String path) throws Exception {
			return WeChatPayIT.this.get(this.token, path);
		}

		HttpResponse<String> post(String path) throws Exception {
			return WeChatPayIT.this.post(this.token, path);
		}

		HttpRequest.Builder request(String path) {
			return WeChatPayIT.this.request(path, this.token);
		}

		HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			return WeChatPayIT.this.send(request);
		}

	}

}
