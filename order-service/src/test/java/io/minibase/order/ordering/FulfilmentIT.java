package io.minibase.order.ordering;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.minibase.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shipping, confirming receipt, the confirmation window's sweep, the admin's list, and
 * the races between them and refunds, on the shared application (real MariaDB, Redis,
 * Kafka, the WeChat Pay stub).
 */
class FulfilmentIT extends OrderIntegrationTest {

	private static final String SHIP = "{\"carrier\":\"顺丰速运\",\"trackingNo\":\"SF1234567890\"}";

	@Autowired
	OrderCompletion completion;

	@Test
	void aPaidOrderIsShippedThenConfirmedEachOnceWithItsEvent() throws Exception {
		String token = newBuyer();
		String id = paidOrder(token, "41", 1);

		HttpResponse<String> shipped = admin("POST", "/api/admin/orders/" + id + "/ship", SHIP);
		assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
		assertThat(body(shipped).get("status").asString()).isEqualTo("SHIPPED");
		JsonNode seen = body(get(token, "/api/orders/" + id));
		assertThat(seen.get("status").asString()).isEqualTo("SHIPPED");
		assertThat(seen.get("address").get("name").asString()).isEqualTo("张三");
		assertThat(seen.get("shipment").get("carrier").asString()).isEqualTo("顺丰速运");
		assertThat(seen.get("shipment").get("trackingNo").asString()).isEqualTo("SF1234567890");
		assertThat(seen.get("shipment").get("shippedAt").isNull()).isFalse();
		assertThat(admin("POST", "/api/admin/orders/" + id + "/ship", SHIP).statusCode()).isEqualTo(409);

		HttpResponse<String> confirmed = post(token, "/api/orders/" + id + "/confirm-receipt");
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		assertThat(body(confirmed).get("status").asString()).isEqualTo("COMPLETED");
		assertThat(body(confirmed).get("shipment").get("carrier").asString()).isEqualTo("顺丰速运");
		HttpResponse<String> again = post(token, "/api/orders/" + id + "/confirm-receipt");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(body(again).get("orderStatus").asString()).isEqualTo("COMPLETED");

		assertThat(payloads(id, OrderEvents.OrderShipped.TYPE)).singleElement()
			.satisfies((payload) -> EventSchemas.assertConforms(OrderEvents.OrderShipped.TYPE, payload));
		assertThat(payloads(id, OrderEvents.OrderCompleted.TYPE)).singleElement().satisfies((payload) -> {
			EventSchemas.assertConforms(OrderEvents.OrderCompleted.TYPE, payload);
			assertThat(this.json.readTree(payload).get("by").asString()).isEqualTo("BUYER");
		});
	}

	@Test
	void aMoveFromTheWrongStatusIs409AndChangesNothingAndAStrangersOrderIs404() throws Exception {
		String token = newUser();
		String id = body(place(token, key(), "{\"items\":[{\"productId\":\"42\",\"quantity\":1}]}")).get("id")
			.asString();
		awaitStatus(token, id, "AWAITING_PAYMENT");

		HttpResponse<String> unpaid = admin("POST", "/api/admin/orders/" + id + "/ship", SHIP);
		assertThat(unpaid.statusCode()).isEqualTo(409);
		assertThat(body(unpaid).get("orderStatus").asString()).isEqualTo("AWAITING_PAYMENT");
		assertThat(post(token, "/api/orders/" + id + "/confirm-receipt").statusCode()).isEqualTo(409);
		assertThat(post(newUser(), "/api/orders/" + id + "/confirm-receipt").statusCode()).isEqualTo(404);
		assertThat(admin("POST", "/api/admin/orders/999999999999/ship", SHIP).statusCode()).isEqualTo(404);
		JsonNode order = body(get(token, "/api/orders/" + id));
		assertThat(order.get("status").asString()).isEqualTo("AWAITING_PAYMENT");
		assertThat(order.get("shipment").isNull()).isTrue();
		assertThat(payloads(id, OrderEvents.OrderShipped.TYPE)).isEmpty();
	}

	@Test
	void anOrderPlacedWithoutAnAddressIsPaidButNotShipped() throws Exception {
		String token = newBuyer();
		String id = body(place(token, key(), "{\"items\":[{\"productId\":\"47\",\"quantity\":1}]}")).get("id")
			.asString();
		awaitStatus(token, id, "AWAITING_PAYMENT");
		payAtTheStub(token, id);
		assertThat(awaitStatus(token, id, "PAID").get("address").isNull()).isTrue();

		HttpResponse<String> shipped = admin("POST", "/api/admin/orders/" + id + "/ship", SHIP);
		assertThat(shipped.statusCode()).isEqualTo(409);
		assertThat(body(shipped).get("detail").asString()).contains("address");
		assertThat(body(get(token, "/api/orders/" + id)).get("status").asString()).isEqualTo("PAID");
	}

	@Test
	void aShippedOrderNotConfirmedWithinTheWindowIsCompletedByTheSweepOnce() throws Exception {
		String token = newBuyer();
		String id = paidOrder(token, "43", 1);
		assertThat(admin("POST", "/api/admin/orders/" + id + "/ship", SHIP).statusCode()).isEqualTo(200);
		this.completion.completeBatch();
		assertThat(body(get(token, "/api/orders/" + id)).get("status").asString()).as("within the window")
			.isEqualTo("SHIPPED");

		shippedLongAgo(id);
		assertThat(this.completion.completeBatch()).isGreaterThanOrEqualTo(1);
		this.completion.completeBatch();

		assertThat(body(get(token, "/api/orders/" + id)).get("status").asString()).isEqualTo("COMPLETED");
		assertThat(payloads(id, OrderEvents.OrderCompleted.TYPE)).singleElement().satisfies((payload) -> {
			EventSchemas.assertConforms(OrderEvents.OrderCompleted.TYPE, payload);
			assertThat(this.json.readTree(payload).get("by").asString()).isEqualTo("TIMEOUT");
		});
	}

	@Test
	void theBuyerConfirmingWhileTheSweepCompletesEndsInOneCompletion() throws Exception {
		String token = newBuyer();
		for (int round = 0; round < 3; round++) {
			String id = paidOrder(token, "44", 1);
			assertThat(admin("POST", "/api/admin/orders/" + id + "/ship", SHIP).statusCode()).isEqualTo(200);
			shippedLongAgo(id);

			CompletableFuture<Integer> buyer = CompletableFuture
				.supplyAsync(() -> status(() -> post(token, "/api/orders/" + id + "/confirm-receipt")));
			CompletableFuture<Integer> sweep = CompletableFuture.supplyAsync(this.completion::completeBatch);
			int confirmed = buyer.get();
			sweep.get();

			assertThat(confirmed).isIn(200, 409);
			assertThat(body(get(token, "/api/orders/" + id)).get("status").asString()).isEqualTo("COMPLETED");
			List<String> completions = payloads(id, OrderEvents.OrderCompleted.TYPE);
			assertThat(completions).hasSize(1);
			assertThat(this.json.readTree(completions.get(0)).get("by").asString())
				.isEqualTo((confirmed == 200) ? "BUYER" : "TIMEOUT");
		}
	}

	/**
	 * Shipping and a whole refund at once: they happen one after the other. Shipped
	 * first, the shipped order is refunded; refunded first, it is never shipped and its
	 * OrderRefunded says so ({@code shipped: false}: catalog puts the units back).
	 * Exactly one of the two: the goods leave or the stock comes back.
	 */
	@Test
	void shippingWhileTheWholeOrderIsRefundedEndsInOneOrderOfEvents() throws Exception {
		String token = newBuyer();
		for (int round = 0; round < 3; round++) {
			String id = paidOrder(token, "45", 2);

			CompletableFuture<Integer> ship = CompletableFuture
				.supplyAsync(() -> status(() -> admin("POST", "/api/admin/orders/" + id + "/ship", SHIP)));
			CompletableFuture<Integer> refund = CompletableFuture.supplyAsync(
					() -> status(() -> admin("POST", "/api/admin/orders/" + id + "/refund", "{\"reason\":\"缺货\"}")));
			int shipped = ship.get();
			assertThat(refund.get()).isEqualTo(202);
			assertThat(shipped).isIn(200, 409);

			JsonNode order = awaitStatus(token, id, "REFUNDED");
			assertThat(order.get("shipment").isNull()).isEqualTo(shipped == 409);
			List<String> events = this.jdbc.queryForList(
					"SELECT event_type FROM outbox WHERE subject = ? AND event_type IN (?, ?) ORDER BY id",
					String.class, id, OrderEvents.OrderShipped.TYPE, OrderEvents.RefundRequested.TYPE);
			assertThat(events)
				.isEqualTo((shipped == 200) ? List.of(OrderEvents.OrderShipped.TYPE, OrderEvents.RefundRequested.TYPE)
						: List.of(OrderEvents.RefundRequested.TYPE));
			assertThat(payloads(id, OrderEvents.OrderRefunded.TYPE)).singleElement().satisfies((payload) -> {
				EventSchemas.assertConforms(OrderEvents.OrderRefunded.TYPE, payload);
				assertThat(this.json.readTree(payload).get("shipped").asBoolean()).isEqualTo(shipped == 200);
			});
		}
	}

	@Test
	void theAdminsListFindsOrdersByBuyerOrIdAndStatusNewestFirstPageByPage() throws Exception {
		String buyer = newUserId();
		String token = io.minibase.testsupport.TestTokens.user(buyer);
		List<String> ids = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(body(place(token, key(), "{\"items\":[{\"productId\":\"46\",\"quantity\":1}]}")).get("id")
				.asString());
		}
		ids.forEach((id) -> awaitStatus(token, id, "AWAITING_PAYMENT"));
		assertThat(post(token, "/api/orders/" + ids.get(0) + "/cancel").statusCode()).isEqualTo(200);

		JsonNode first = body(admin("GET", "/api/admin/orders?q=" + buyer + "&size=2", null));
		assertThat(first.get("items").valueStream().map((order) -> order.get("id").asString()))
			.containsExactly(ids.get(2), ids.get(1));
		assertThat(first.get("items").get(0).get("buyerId").asString()).isEqualTo(buyer);
		JsonNode second = body(admin("GET",
				"/api/admin/orders?q=" + buyer + "&size=2&cursor=" + first.get("nextCursor").asString(), null));
		assertThat(second.get("items").valueStream().map((order) -> order.get("id").asString()))
			.containsExactly(ids.get(0));
		assertThat(second.get("nextCursor").isNull()).isTrue();

		assertThat(body(admin("GET", "/api/admin/orders?q=" + ids.get(1), null)).get("items")
			.valueStream()
			.map((order) -> order.get("id").asString())).contains(ids.get(1));
		assertThat(body(admin("GET", "/api/admin/orders?status=CANCELLED&q=" + buyer, null)).get("items")
			.valueStream()
			.map((order) -> order.get("id").asString())).containsExactly(ids.get(0));
		assertThat(body(admin("GET", "/api/admin/orders?q=not-an-id", null)).get("items")).isEmpty();
		JsonNode all = body(admin("GET", "/api/admin/orders?status=AWAITING_PAYMENT&size=100", null));
		assertThat(all.get("items").valueStream().map((order) -> order.get("status").asString()))
			.containsOnly("AWAITING_PAYMENT");
		assertThat(admin("GET", "/api/admin/orders?size=101", null).statusCode()).isEqualTo(400);
		assertThat(get(token, "/api/admin/orders").statusCode()).isEqualTo(403);
	}

	private void shippedLongAgo(String id) {
		this.jdbc.update("UPDATE orders SET shipped_at = CURRENT_TIMESTAMP(3) - INTERVAL 11 DAY WHERE id = ?",
				Long.parseLong(id));
	}

	private List<String> payloads(String id, String type) {
		return this.jdbc.queryForList("SELECT payload FROM outbox WHERE subject = ? AND event_type = ? ORDER BY id",
				String.class, id, type);
	}

	private static int status(Request request) {
		try {
			return request.send().statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Request {

		HttpResponse<String> send() throws Exception;

	}

}
