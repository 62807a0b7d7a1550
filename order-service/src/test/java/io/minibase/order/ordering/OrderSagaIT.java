package io.minibase.order.ordering;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.minibase.order.payment.PaymentNotification;
import io.minibase.order.payment.Payments;
import io.minibase.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stock saga, placing, reading, cancelling, paying and expiring orders. */
class OrderSagaIT extends OrderIntegrationTest {

	@Autowired
	Payments payments;

	@Test
	void aPlacedOrderIsPendingThenAwaitsPaymentAtTheReservedPrices() throws Exception {
		String token = newUser();
		HttpResponse<String> placed = place(token, key(), "{\"items\":[{\"productId\":\"11\",\"quantity\":3}]}");
		assertThat(placed.statusCode()).isEqualTo(201);
		JsonNode order = body(placed);
		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(placed.headers().firstValue("Location")).hasValue("/api/orders/" + order.get("id").asString());

		JsonNode reserved = awaitStatus(token, order.get("id").asString(), "AWAITING_PAYMENT");
		assertThat(reserved.get("totalFen").asLong()).isEqualTo(3 * FakeCatalog.PRICE);
		assertThat(reserved.get("items").get(0).get("name").asString()).isEqualTo("Product 11");
		assertThat(reserved.get("items").get(0).get("priceFen").asLong()).isEqualTo(FakeCatalog.PRICE);
		assertThat(reserved.get("expiresAt").isNull()).isFalse();
	}

	@Test
	void anOrderOfSkusCarriesEachSkuWithItsProductAndSpecsOnceReserved() throws Exception {
		String token = newUser();
		HttpResponse<String> placed = place(token, key(),
				"{\"items\":[{\"skuId\":\"21\",\"quantity\":2},{\"skuId\":\"22\",\"quantity\":1},"
						+ "{\"productId\":\"23\",\"quantity\":1}]}");
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		JsonNode pending = body(placed).get("items");
		assertThat(pending.get(0).get("skuId").asString()).isEqualTo("21");
		assertThat(pending.get(0).get("productId").isNull()).as("catalog has not said yet").isTrue();

		JsonNode reserved = awaitStatus(token, body(placed).get("id").asString(), "AWAITING_PAYMENT");
		assertThat(reserved.get("totalFen").asLong()).isEqualTo(4 * FakeCatalog.PRICE);
		JsonNode first = reserved.get("items").get(0);
		assertThat(first.get("productId").asString()).isEqualTo("of-21");
		assertThat(first.get("specs").get("颜色").asString()).isEqualTo("21");
		assertThat(first.get("name").asString()).isEqualTo("Product of 21");
		assertThat(reserved.get("items").get(1).get("skuId").asString()).isEqualTo("22");
		// priced by an answer from before SKUs: by its product, without SKU or specs
		JsonNode old = reserved.get("items").get(2);
		assertThat(old.get("name").asString()).isEqualTo("Product 23");
		assertThat(old.get("skuId").isNull()).isTrue();
		assertThat(old.get("specs").isNull()).isTrue();
	}

	@Test
	void aLineNamingBothOrNeitherOfSkuAndProductOrASkuTwiceIs400() throws Exception {
		String token = newUser();
		for (String items : List.of("[{\"skuId\":\"21\",\"productId\":\"3\",\"quantity\":1}]", "[{\"quantity\":1}]",
				"[{\"skuId\":\"21\",\"quantity\":1},{\"skuId\":\"21\",\"quantity\":1}]")) {
			HttpResponse<String> refused = place(token, key(), "{\"items\":" + items + "}");
			assertThat(refused.statusCode()).as(items).isEqualTo(400);
			assertThat(body(refused).get("errors").get(0).get("field").asString()).startsWith("items[");
		}
	}

	/**
	 * catalog's sold-out mark (docs/events.md): an order for a marked product is rejected
	 * in the placement's own transaction, without an OrderPlaced for the saga; with the
	 * mark gone, orders go through the saga again.
	 */
	@Test
	void anOrderForAProductMarkedSoldOutIsRejectedAtOnceWithoutTheSaga() throws Exception {
		String product = "sold-out-" + newUserId();
		String mark = "catalog:sold-out:" + product;
		this.redis.opsForValue().set(mark, "1", Duration.ofSeconds(30));
		String token = newUser();
		try {
			HttpResponse<String> placed = send(request("/api/orders", token).header("Idempotency-Key", key())
				.header("Content-Type", "application/json")
				.header("Prefer", "wait=10")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"items\":[{\"productId\":\"13\",\"quantity\":1},{\"productId\":\"" + product
							+ "\",\"quantity\":1}]}")));
			assertThat(placed.statusCode()).isEqualTo(201);
			JsonNode order = body(placed);
			assertThat(order.get("status").asString()).isEqualTo("REJECTED");
			assertThat(order.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
			assertThat(events(order.get("id").asString())).as("no saga").isEmpty();
		}
		finally {
			this.redis.delete(mark);
		}

		String next = body(place(token, key(), "{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}"))
			.get("id")
			.asString();
		awaitStatus(token, next, "AWAITING_PAYMENT");
		assertThat(events(next)).startsWith(OrderEvents.OrderPlaced.TYPE);
	}

	@Test
	void withPreferWaitOneRequestPlacesTheOrderAndAnswersItSettled() throws Exception {
		String token = newBuyer();
		HttpResponse<String> placed = send(request("/api/orders", token).header("Idempotency-Key", key())
			.header("Content-Type", "application/json")
			.header("Prefer", "wait=10")
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":\"13\",\"quantity\":1}]}")));

		assertThat(placed.statusCode()).isEqualTo(201);
		assertThat(placed.headers().firstValue("Preference-Applied")).hasValue("wait=10");
		assertThat(body(placed).get("status").asString()).isEqualTo("AWAITING_PAYMENT");

		String id = body(placed).get("id").asString();
		HttpResponse<String> rejected = send(request("/api/orders", token).header("Idempotency-Key", key())
			.header("Content-Type", "application/json")
			.header("Prefer", "respond-async, wait=30")
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":\"missing\",\"quantity\":1}]}")));
		assertThat(rejected.headers().firstValue("Preference-Applied")).as("held to api.md's 10 s").hasValue("wait=10");
		assertThat(body(rejected).get("status").asString()).isEqualTo("REJECTED");

		// paying: wx.requestPayment succeeded, the client waits for the notify to land
		payAtTheStub(token, id);
		HttpResponse<String> paid = send(
				request("/api/orders/" + id + "?paid=true", token).header("Prefer", "wait=10"));
		assertThat(paid.statusCode()).isEqualTo(200);
		assertThat(body(paid).get("status").asString()).isEqualTo("PAID");
	}

	@Test
	void aWaitThatRunsOutAnswersTheOrderAsItIs() throws Exception {
		String token = newUser();
		String id = body(place(token, key(), "{\"items\":[{\"productId\":\"14\",\"quantity\":1}]}")).get("id")
			.asString();
		awaitStatus(token, id, "AWAITING_PAYMENT");

		// nothing pays it: after the wait, the order as it is
		HttpResponse<String> unpaid = send(
				request("/api/orders/" + id + "?paid=true", token).header("Prefer", "wait=1"));
		assertThat(unpaid.statusCode()).isEqualTo(200);
		assertThat(unpaid.headers().firstValue("Preference-Applied")).hasValue("wait=1");
		assertThat(body(unpaid).get("status").asString()).isEqualTo("AWAITING_PAYMENT");
		// another user's order is not found, waiting or not
		assertThat(send(request("/api/orders/" + id, newUser()).header("Prefer", "wait=1")).statusCode())
			.isEqualTo(404);
	}

	@Test
	void anOrderCatalogCannotReserveIsRejectedWithTheReason() throws Exception {
		String token = newUser();
		String id = body(place(token, key(), "{\"items\":[{\"productId\":\"missing\",\"quantity\":1}]}")).get("id")
			.asString();
		JsonNode rejected = awaitStatus(token, id, "REJECTED");
		assertThat(rejected.get("reason").asString()).isEqualTo("PRODUCT_NOT_FOUND");
	}

	@Test
	void aReplayedKeyReturnsTheSameOrderAndAnotherBodyWithItIs422() throws Exception {
		String token = newUser();
		String key = key();
		String body = "{\"items\":[{\"productId\":\"12\",\"quantity\":1}],\"remark\":\"no onions\"}";
		HttpResponse<String> first = place(token, key, body);
		HttpResponse<String> again = place(token, key, body);
		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(body(again).get("id").asString()).isEqualTo(body(first).get("id").asString());
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");

		HttpResponse<String> other = place(token, key, "{\"items\":[{\"productId\":\"12\",\"quantity\":2}]}");
		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(other.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		// the same key is another user's own
		assertThat(body(place(newUser(), key, body)).get("id").asString())
			.isNotEqualTo(body(first).get("id").asString());
	}

	@Test
	void fiftyConcurrentPlacementsWithOneKeyMakeOneOrder() throws Exception {
		String token = newUser();
		String key = key();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
			for (int i = 0; i < 50; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return place(token, key, "{\"items\":[{\"productId\":\"13\",\"quantity\":1}]}");
				}));
			}
			start.countDown();
			Set<String> ids = new HashSet<>();
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get();
				if (response.statusCode() == 503) {
					// no database connection free in time on a busy machine: a client
					// retries with the same key, as the Retry-After says
					assertThat(response.headers().firstValue("Retry-After")).isPresent();
					response = place(token, key, "{\"items\":[{\"productId\":\"13\",\"quantity\":1}]}");
				}
				assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
				ids.add(body(response).get("id").asString());
			}
			assertThat(ids).hasSize(1);
		}
		String orderId = body(get(token, "/api/orders")).get("items").get(0).get("id").asString();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE subject = ? AND event_type = ?",
				Integer.class, orderId, OrderEvents.OrderPlaced.TYPE))
			.as("one OrderPlaced, so one reservation")
			.isEqualTo(1);
	}

	@Test
	void anotherUsersOrderIsNotFound() throws Exception {
		String owner = newUser();
		String id = body(place(owner, key(), "{\"items\":[{\"productId\":\"14\",\"quantity\":1}]}")).get("id")
			.asString();
		String stranger = newUser();
		assertThat(get(stranger, "/api/orders/" + id).statusCode()).isEqualTo(404);
		assertThat(post(stranger, "/api/orders/" + id + "/cancel").statusCode()).isEqualTo(404);
		assertThat(post(stranger, "/api/orders/" + id + "/pay").statusCode()).isEqualTo(404);
		assertThat(get(stranger, "/api/orders/not-an-id").statusCode()).isEqualTo(404);
		assertThat(body(get(stranger, "/api/orders")).get("items")).isEmpty();
	}

	@Test
	void theListIsNewestFirstWithACursorAndAStatusFilter() throws Exception {
		String token = newUser();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(body(place(token, key(), "{\"items\":[{\"productId\":\"15\",\"quantity\":1}]}")).get("id")
				.asString());
		}
		String rejected = body(place(token, key(), "{\"items\":[{\"productId\":\"missing\",\"quantity\":1}]}"))
			.get("id")
			.asString();
		awaitStatus(token, rejected, "REJECTED");

		JsonNode first = body(get(token, "/api/orders?size=2"));
		assertThat(first.get("items")).extracting((order) -> order.get("id").asString())
			.containsExactly(rejected, ids.get(2));
		JsonNode second = body(get(token, "/api/orders?size=2&cursor=" + first.get("nextCursor").asString()));
		assertThat(second.get("items")).extracting((order) -> order.get("id").asString())
			.containsExactly(ids.get(1), ids.get(0));
		assertThat(second.get("nextCursor").isNull()).isTrue();

		JsonNode onlyRejected = body(get(token, "/api/orders?status=REJECTED"));
		assertThat(onlyRejected.get("items")).extracting((order) -> order.get("id").asString())
			.containsExactly(rejected);
		assertThat(get(token, "/api/orders?size=101").statusCode()).isEqualTo(400);
		assertThat(get(token, "/api/orders?status=LOST").statusCode()).isEqualTo(400);
		assertThat(get(token, "/api/orders?cursor=bm9wZQ").statusCode()).isEqualTo(400);
	}

	@Test
	void cancellingAnOpenOrderPublishesOrderCancelledOnceAndThenIsAConflict() throws Exception {
		String token = newUser();
		String id = body(place(token, key(), "{\"items\":[{\"productId\":\"16\",\"quantity\":2}]}")).get("id")
			.asString();
		awaitStatus(token, id, "AWAITING_PAYMENT");

		HttpResponse<String> cancelled = post(token, "/api/orders/" + id + "/cancel");
		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(body(cancelled).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(body(cancelled).get("reason").asString()).isEqualTo("USER");
		HttpResponse<String> again = post(token, "/api/orders/" + id + "/cancel");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(post(token, "/api/orders/" + id + "/pay").statusCode()).isEqualTo(409);
		assertThat(events(id)).containsExactly(OrderEvents.OrderPlaced.TYPE, OrderEvents.OrderCancelled.TYPE);
	}

	@Test
	void unpaidOrdersPastTheirWindowExpireOnceAndLatePaymentIsMarkedForRefund() throws Exception {
		// orders other tests left open in the shared schema, due by now, go first: this
		// test counts what one sweep of its own two orders does
		while (this.expiry.expireBatch() > 0) {
			// one batch at a time
		}
		String token = newUser();
		String awaiting = body(place(token, key(), "{\"items\":[{\"productId\":\"18\",\"quantity\":1}]}")).get("id")
			.asString();
		awaitStatus(token, awaiting, "AWAITING_PAYMENT");
		this.catalog.answering = false;
		String pending;
		try {
			pending = body(place(token, key(), "{\"items\":[{\"productId\":\"18\",\"quantity\":1}]}")).get("id")
				.asString();
		}
		finally {
			this.catalog.answering = true;
		}
		this.jdbc.update("UPDATE orders SET expires_at = CURRENT_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE id IN (?, ?)",
				awaiting, pending);

		// one batch a sweep (of one order here, order.expiry.batch-size=1): paced. Other
		// tests' orders in the shared schema can fall due meanwhile (or were locked by
		// their own work when the loop above skipped them), and a sweep may take one of
		// them first: so at most one of ours a sweep, and both after a few.
		this.expiry.sweep();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id IN (?, ?) AND status = 'CANCELLED'",
				Integer.class, awaiting, pending))
			.isLessThanOrEqualTo(1);
		await("both orders expired, one a sweep").atMost(Duration.ofSeconds(10)).until(() -> {
			this.expiry.sweep();
			return this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id IN (?, ?) AND status = 'CANCELLED'",
					Integer.class, awaiting, pending) == 2;
		});

		for (String id : List.of(awaiting, pending)) {
			JsonNode order = body(get(token, "/api/orders/" + id));
			assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
			assertThat(order.get("reason").asString()).isEqualTo("EXPIRED");
			assertThat(events(id)).containsExactly(OrderEvents.OrderPlaced.TYPE, OrderEvents.OrderExpired.TYPE);
		}
		// money that arrives after the expiry does not resurrect the order
		this.jdbc.update(
				"INSERT INTO payment (order_id, provider, amount_fen, prepay_params, status) VALUES (?, 'stand-in', ?, '{}', 'PREPAID')",
				awaiting, FakeCatalog.PRICE);
		this.payments.paid(new PaymentNotification(awaiting, "late-" + awaiting, FakeCatalog.PRICE, Instant.now()));
		assertThat(body(get(token, "/api/orders/" + awaiting)).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?", String.class, awaiting))
			.isEqualTo("REFUND_DUE");
	}

	@Test
	void everyEventWrittenToTheOutboxConformsToItsSchema() throws Exception {
		String token = newBuyer();
		String id = body(place(token, key(),
				"{\"items\":[{\"productId\":\"19\",\"quantity\":1},{\"skuId\":\"29\",\"quantity\":1}]}"))
			.get("id")
			.asString();
		awaitStatus(token, id, "AWAITING_PAYMENT");
		payAtTheStub(token, id);
		awaitStatus(token, id, "PAID");

		List<Map<String, Object>> rows = this.jdbc
			.queryForList("SELECT event_type, payload FROM outbox WHERE topic = 'order.orders.v1'");
		assertThat(rows).extracting((row) -> row.get("event_type"))
			.contains(OrderEvents.OrderPlaced.TYPE, OrderEvents.OrderPaid.TYPE);
		for (Map<String, Object> row : rows) {
			EventSchemas.assertConforms((String) row.get("event_type"), (String) row.get("payload"));
		}
	}

	private List<String> events(String orderId) {
		return this.jdbc.queryForList(
				"SELECT event_type FROM outbox WHERE subject = ? AND topic = 'order.orders.v1' ORDER BY id",
				String.class, orderId);
	}

}
