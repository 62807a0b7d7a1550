package io.minibase.local;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.minibase.local.Gateway.get;
import static io.minibase.local.Gateway.payAtTheStub;
import static io.minibase.local.Gateway.post;
import static io.minibase.local.Gateway.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The order saga on the whole stack, seen only through the gateway: order-service and
 * catalog-service talk over the real Kafka broker, as a mini-program's user would see
 * them.
 */
@ExtendWith(SharedStack.class)
class OrdersThroughTheGatewayIT {

	/** Users of this run; the stub logs in {@code mock-<user>-<anything>}. */
	private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private static String admin;

	private static String category;

	@BeforeAll
	static void signInTheAdmin() throws Exception {
		JsonNode login = Gateway.json.readTree(send(post("/api/admin/auth/login", null,
				"{\"username\":\"admin\",\"password\":\"" + SharedStack.adminPassword() + "\"}"))
			.body());
		admin = login.get("accessToken").asString();
		category = Gateway.json
			.readTree(send(post("/api/admin/catalog/categories", admin, "{\"name\":\"E2E " + RUN + "\"}")).body())
			.get("id")
			.asString();
	}

	/**
	 * A flash sale of one product in two SKUs: 200 orders, half for each, against 12 red
	 * and 8 blue reserve exactly 12 and 8; a cancelled one gives back its SKU's unit
	 * once.
	 */
	@Test
	void twoHundredConcurrentOrdersAcrossTwoSkusReserveExactlyTheStockOfEach() throws Exception {
		JsonNode product = productOfSkus("Flash sale", """
				{"specs":{"颜色":"红"},"priceFen":990,"stock":12},{"specs":{"颜色":"蓝"},"priceFen":890,"stock":8}""");
		String productId = product.get("id").asString();
		List<String> skus = List.of(product.get("skus").get(0).get("id").asString(),
				product.get("skus").get(1).get("id").asString());
		List<String> users = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			users.add(user("flash" + i));
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> placed = new ArrayList<>();
		// 50 clients at once place the 200 orders: a crowd at a flash sale, sized so a
		// 2-core box running the whole stack and its tests is loaded, not swamped
		try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
			for (int i = 0; i < 200; i++) {
				String token = users.get(i % users.size());
				String line = "{\"skuId\":\"" + skus.get(i % 2) + "\",\"quantity\":1}";
				placed.add(pool.submit(() -> {
					start.await();
					return placeRetrying(token, UUID.randomUUID().toString(), line);
				}));
			}
			start.countDown();
			Map<String, String> owners = new HashMap<>();
			for (int i = 0; i < placed.size(); i++) {
				HttpResponse<String> response = placed.get(i).get();
				assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
				owners.put(Gateway.json.readTree(response.body()).get("id").asString(), users.get(i % users.size()));
			}
			Map<String, Integer> outcomes = new HashMap<>();
			Map<String, List<String>> reservedBySku = new HashMap<>();
			for (Map.Entry<String, String> order : owners.entrySet()) {
				JsonNode done = awaitOrder(order.getValue(), order.getKey(), (status) -> !status.equals("PENDING"));
				outcomes.merge(done.get("status").asString(), 1, Integer::sum);
				if (done.get("status").asString().equals("REJECTED")) {
					assertThat(done.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
				}
				else {
					JsonNode item = done.get("items").get(0);
					assertThat(item.get("productId").asString()).isEqualTo(productId);
					assertThat(item.get("specs").get("颜色").asString()).isIn("红", "蓝");
					reservedBySku.computeIfAbsent(item.get("skuId").asString(), (sku) -> new ArrayList<>())
						.add(order.getKey());
				}
			}
			assertThat(outcomes).containsEntry("AWAITING_PAYMENT", 20).containsEntry("REJECTED", 180);
			assertThat(reservedBySku.get(skus.get(0))).hasSize(12);
			assertThat(reservedBySku.get(skus.get(1))).hasSize(8);
			assertThat(skuStocks(productId)).containsExactly(0, 0);
			assertThat(stock(productId)).isZero();

			String blueOrder = reservedBySku.get(skus.get(1)).getFirst();
			assertThat(send(post("/api/orders/" + blueOrder + "/cancel", owners.get(blueOrder), null)).statusCode())
				.isEqualTo(200);
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(skuStocks(productId)).containsExactly(0, 1));
			assertThat(stock(productId)).isEqualTo(1);
		}
	}

	/**
	 * A buyer's whole journey through the gateway: a product of two SKUs reaches
	 * order-service's copy over Kafka, both SKUs go in the cart at today's prices, the
	 * cart is checked out to an address and left empty, the order is paid at the WeChat
	 * Pay stub, shipped by the shop, received by the buyer; then an after-sale with a
	 * private photo (another user's is refused), which the admin can see and nobody else,
	 * is approved and the order is refunded. Each step shows in {@code GET
	 * /api/orders/{id}}.
	 */
	@Test
	void aCartOfTwoSkusIsCheckedOutPaidShippedReceivedAndRefundedThroughAnAfterSale() throws Exception {
		JsonNode product = productOfSkus("Cart", """
				{"specs":{"尺码":"S"},"priceFen":1500,"stock":5},{"specs":{"尺码":"M"},"priceFen":1600,"stock":5}""");
		String small = product.get("skus").get(0).get("id").asString();
		String medium = product.get("skus").get(1).get("id").asString();
		String token = user("cart");
		// catalog's ProductChanged reaches order-service's copy within moments
		HttpResponse<String> put = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> send(putCart(token, medium, 2)), (response) -> response.statusCode() != 404);
		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
		HttpResponse<String> both = send(putCart(token, small, 1));
		assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
		JsonNode cart = Gateway.json.readTree(both.body());
		assertThat(cart.get("totalFen").asLong()).isEqualTo(2 * 1600 + 1500);
		assertThat(cart.get("items")).hasSize(2)
			.allSatisfy((item) -> assertThat(item.get("available").asBoolean()).isTrue());
		assertThat(cart.findValuesAsString("skuId")).containsExactlyInAnyOrder(small, medium);
		assertThat(Gateway.json.readTree(send(get("/api/cart", user("stranger"))).body()).get("items")).isEmpty();

		HttpResponse<String> address = send(post("/api/users/me/addresses", token,
				"""
						{"name":"张三","phone":"13812345678","province":"广东省","city":"深圳市","district":"南山区",				"detail":"科技园路1号"}"""));
		assertThat(address.statusCode()).as(address.body()).isEqualTo(201);
		String addressId = Gateway.json.readTree(address.body()).get("id").asString();
		HttpRequest checkout = HttpRequest
			.newBuilder(post("/api/orders", token, "{\"fromCart\":true,\"addressId\":\"" + addressId + "\"}"),
					(name, value) -> true)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.build();
		HttpResponse<String> placed = send(checkout);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String id = Gateway.json.readTree(placed.body()).get("id").asString();
		JsonNode order = awaitOrder(token, id, "AWAITING_PAYMENT"::equals);
		long total = 2 * 1600 + 1500;
		assertThat(order.get("totalFen").asLong()).isEqualTo(total);
		assertThat(order.findValuesAsString("skuId")).containsExactlyInAnyOrder(small, medium);
		assertThat(order.get("address").get("detail").asString()).isEqualTo("科技园路1号");
		assertThat(Gateway.json.readTree(send(get("/api/cart", token)).body()).get("items")).isEmpty();
		assertThat(skuStocks(product.get("id").asString())).containsExactly(4, 3);

		HttpResponse<String> pay = send(post("/api/orders/" + id + "/pay", token, null));
		assertThat(pay.statusCode()).as(pay.body()).isEqualTo(200);
		payAtTheStub(Gateway.json.readTree(pay.body())
			.get("requestPayment")
			.get("package")
			.asString()
			.substring("prepay_id=".length()));
		awaitOrder(token, id, "PAID"::equals);

		HttpResponse<String> shipped = send(post("/api/admin/orders/" + id + "/ship", admin,
				"{\"carrier\":\"顺丰速运\",\"trackingNo\":\"SF" + RUN + "\"}"));
		assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
		order = awaitOrder(token, id, "SHIPPED"::equals);
		assertThat(order.get("shipment").get("trackingNo").asString()).isEqualTo("SF" + RUN);
		HttpResponse<String> received = send(post("/api/orders/" + id + "/confirm-receipt", token, null));
		assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
		awaitOrder(token, id, "COMPLETED"::equals);

		// another user's photo is refused, naming it, and changes nothing
		HttpResponse<String> strangers = send(
				Gateway.upload(user("stranger"), Gateway.png(40, 30), "x.png", "private"));
		assertThat(strangers.statusCode()).as(strangers.body()).isEqualTo(201);
		String strangersPhoto = Gateway.json.readTree(strangers.body()).get("id").asString();
		HttpResponse<String> foreign = send(post("/api/orders/" + id + "/after-sales", token,
				"{\"reason\":\"包装破损\",\"imageFileIds\":[\"" + strangersPhoto + "\"]}"));
		assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(400);
		assertThat(foreign.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Gateway.json.readTree(foreign.body()).get("errors")).singleElement()
			.satisfies((error) -> assertThat(error.get("field").asString()).isEqualTo("imageFileIds[0]"));
		assertThat(Gateway.json.readTree(send(get("/api/orders/" + id + "/after-sales", token)).body())).isEmpty();
		assertThat(Gateway.json.readTree(send(get("/api/orders/" + id, token)).body()).get("status").asString())
			.isEqualTo("COMPLETED");
		// file-service's answer to whose files these are is for order-service, not
		// outside
		assertThat(send(get("/internal/files/owned?ids=" + strangersPhoto, token)).statusCode()).isEqualTo(404);

		// the buyer's own photo, asked for the moment it is uploaded
		byte[] photo = Gateway.png(64, 48);
		HttpResponse<String> uploaded = send(Gateway.upload(token, photo, "damaged.png", "private"));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		String photoId = Gateway.json.readTree(uploaded.body()).get("id").asString();
		HttpResponse<String> requested = send(post("/api/orders/" + id + "/after-sales", token,
				"{\"reason\":\"包装破损，衣服有污渍\",\"imageFileIds\":[\"" + photoId + "\"]}"));
		assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
		JsonNode afterSale = Gateway.json.readTree(requested.body());
		assertThat(afterSale.get("status").asString()).isEqualTo("REQUESTED");
		assertThat(afterSale.get("amountFen").asLong()).isEqualTo(total);
		assertThat(afterSale.get("imageFileIds").get(0).asString()).isEqualTo(photoId);
		String afterSaleId = afterSale.get("id").asString();
		assertThat(Gateway.json.readTree(send(get("/api/orders/" + id, token)).body()).get("status").asString())
			.as("the order waits for the shop's decision where it was")
			.isEqualTo("COMPLETED");

		// the shop's console: the open after-sales, and the buyer's private photo
		JsonNode open = Gateway.json
			.readTree(send(get("/api/admin/after-sales?status=REQUESTED&size=100", admin)).body());
		assertThat(open.get("items")).anySatisfy((listed) -> {
			assertThat(listed.get("id").asString()).isEqualTo(afterSaleId);
			assertThat(listed.get("imageFileIds").get(0).asString()).isEqualTo(photoId);
		});
		HttpResponse<byte[]> seen = send(
				Gateway.authorized(HttpRequest.newBuilder(Gateway.uri("/api/files/" + photoId)), admin).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(seen.statusCode()).isEqualTo(200);
		assertThat(seen.body()).isEqualTo(photo);
		assertThat(send(get("/api/files/" + photoId, user("stranger"))).statusCode()).isEqualTo(404);
		assertThat(send(get("/api/files/" + photoId, null)).statusCode()).isEqualTo(404);

		HttpResponse<String> approved = send(post("/api/admin/after-sales/" + afterSaleId + "/approve", admin, null));
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		assertThat(Gateway.json.readTree(approved.body()).get("status").asString()).isEqualTo("APPROVED");
		order = awaitOrder(token, id, "REFUNDED"::equals);
		assertThat(order.get("refunds")).singleElement().satisfies((refund) -> {
			assertThat(refund.get("refundId").asString())
				.isEqualTo(Gateway.json.readTree(approved.body()).get("refundId").asString());
			assertThat(refund.get("amountFen").asLong()).isEqualTo(total);
			assertThat(refund.get("status").asString()).isEqualTo("SUCCESS");
		});
		assertThat(Gateway.json.readTree(send(get("/api/orders/" + id + "/after-sales", token)).body())).singleElement()
			.satisfies((listed) -> assertThat(listed.get("status").asString()).isEqualTo("APPROVED"));
		// shipped before the refund: the units stay sold
		assertThat(skuStocks(product.get("id").asString())).containsExactly(4, 3);
	}

	private static HttpRequest putCart(String token, String skuId, int quantity) {
		return Gateway.authorized(HttpRequest.newBuilder(Gateway.uri("/api/cart/items/" + skuId)), token)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"quantity\":" + quantity + "}"))
			.build();
	}

	/**
	 * A product of these SKUs (JSON objects, comma-separated), as the admin creates it.
	 */
	private static JsonNode productOfSkus(String name, String skus) throws Exception {
		HttpResponse<String> created = send(post("/api/admin/catalog/products", admin, """
				{"name":"%s %s","description":"e2e","categoryId":"%s","skus":[%s]}""".formatted(name, RUN, category,
				skus)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return Gateway.json.readTree(created.body());
	}

	private static List<Integer> skuStocks(String product) throws Exception {
		List<Integer> stocks = new ArrayList<>();
		Gateway.json.readTree(send(get("/api/catalog/products/" + product, null)).body())
			.get("skus")
			.forEach((sku) -> stocks.add(sku.get("stock").asInt()));
		return stocks;
	}

	@Test
	void aReplayedKeyReturnsTheSameOrderEvenFromFiftyConcurrentRequests() throws Exception {
		String product = product("Idempotent", 500, 100);
		String token = user("replay");
		String key = UUID.randomUUID().toString();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 50; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return placeRetrying(token, key, product, 2);
				}));
			}
			start.countDown();
			Set<String> ids = new HashSet<>();
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get();
				assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
				ids.add(Gateway.json.readTree(response.body()).get("id").asString());
			}
			assertThat(ids).hasSize(1);
			String id = ids.iterator().next();
			awaitOrder(token, id, "AWAITING_PAYMENT"::equals);
			assertThat(stock(product)).as("one order, one reservation").isEqualTo(98);

			HttpResponse<String> replay = place(token, key, product, 2);
			assertThat(Gateway.json.readTree(replay.body()).get("id").asString()).isEqualTo(id);
			assertThat(place(token, key, product, 3).statusCode()).isEqualTo(422);
		}
	}

	/**
	 * Cancel returns the units once; a paid order keeps them sold until the shop refunds
	 * it wholly before shipping, which returns them once too.
	 */
	@Test
	void cancellingReturnsTheStockOnceAndPayingMakesAnOrderPaidAndARefundBeforeShippingReturnsItOnce()
			throws Exception {
		String product = product("Returnable", 1200, 5);
		String token = user("buyer");
		String cancelled = Gateway.json.readTree(place(token, UUID.randomUUID().toString(), product, 2).body())
			.get("id")
			.asString();
		String paid = Gateway.json.readTree(place(token, UUID.randomUUID().toString(), product, 3).body())
			.get("id")
			.asString();
		awaitOrder(token, cancelled, "AWAITING_PAYMENT"::equals);
		JsonNode priced = awaitOrder(token, paid, "AWAITING_PAYMENT"::equals);
		assertThat(priced.get("totalFen").asLong()).isEqualTo(3 * 1200);
		assertThat(stock(product)).isZero();

		HttpResponse<String> cancel = send(post("/api/orders/" + cancelled + "/cancel", token, null));
		assertThat(cancel.statusCode()).isEqualTo(200);
		assertThat(send(post("/api/orders/" + cancelled + "/cancel", token, null)).statusCode()).isEqualTo(409);
		awaitStock(product, 2);

		HttpResponse<String> pay = send(post("/api/orders/" + paid + "/pay", token, null));
		assertThat(pay.statusCode()).isEqualTo(200);
		String packageValue = Gateway.json.readTree(pay.body()).get("requestPayment").get("package").asString();
		assertThat(packageValue).startsWith("prepay_id=");
		// the buyer pays in wx.requestPayment: the stub's signed notify comes through the
		// gateway
		payAtTheStub(packageValue.substring("prepay_id=".length()));
		awaitOrder(token, paid, "PAID"::equals);
		assertThat(send(post("/api/orders/" + paid + "/cancel", token, null)).statusCode()).isEqualTo(409);
		// the returned units were returned once, and the paid ones stay sold
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(stock(product)).isEqualTo(2));

		assertThat(send(get("/api/orders/" + paid, user("stranger"))).statusCode()).isEqualTo(404);
		assertThat(send(get("/api/orders/" + paid, null)).statusCode()).isEqualTo(401);

		HttpResponse<String> refund = send(
				post("/api/admin/orders/" + paid + "/refund", admin, "{\"reason\":\"缺货，无法发货\"}"));
		assertThat(refund.statusCode()).as(refund.body()).isEqualTo(202);
		awaitOrder(token, paid, "REFUNDED"::equals);
		// never shipped: catalog puts the 3 sold units back, once
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(stock(product)).isEqualTo(5));
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(stock(product)).isEqualTo(5));
	}

	@Test
	void ordersPlacedBeforeOrderServiceIsKilledAreAllFinishedAfterItRestarts() throws Exception {
		String product = product("Survivor", 300, 100);
		String token = user("survivor");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ids.add(Gateway.json.readTree(place(token, UUID.randomUUID().toString(), product, 1).body())
				.get("id")
				.asString());
		}
		ProcessHandle orders = SharedStack.stack().process("order-service").orElseThrow();
		orders.destroyForcibly();
		orders.onExit().get(10, TimeUnit.SECONDS);
		SharedStack.stack().restart("order-service");

		for (String id : ids) {
			awaitOrder(token, id, "AWAITING_PAYMENT"::equals);
		}
		assertThat(stock(product)).isEqualTo(80);
	}

	/**
	 * The Kafka drill: orders keep arriving while the broker is killed (SIGKILL, as a
	 * crash) and started again. Placing never needs Kafka (the order and its event are
	 * one database transaction), so every placement is answered 201; once the broker is
	 * back, every order ends reserved or rejected, and the stock is exact: each unit
	 * reserved once, none lost, none twice.
	 */
	@Test
	void ordersPlacedWhileKafkaIsKilledAndStartedAgainAllEndReservedOrRejectedWithTheStockExact() throws Exception {
		assumeTrue(SharedStack.stack().infra().startedKafka(), "the stack uses a Kafka broker it did not start");
		String product = product("Drill", 700, 60);
		List<String> users = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			users.add(user("drill" + i));
		}
		Map<String, String> owners = new java.util.concurrent.ConcurrentHashMap<>();
		List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
		// 10 orders a second for 12 s: the broker dies after 3 s, and 4 s later it is
		// started again while the orders keep coming
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> placing = new ArrayList<>();
			for (int i = 0; i < 120; i++) {
				String token = users.get(i % users.size());
				placing.add(clients.submit(() -> {
					HttpResponse<String> placed = placeRetrying(token, UUID.randomUUID().toString(), product, 1);
					statuses.add(placed.statusCode());
					if (placed.statusCode() == 201) {
						owners.put(Gateway.json.readTree(placed.body()).get("id").asString(), token);
					}
					return null;
				}));
				if (i == 30) {
					SharedStack.stack().infra().crashKafka();
				}
				if (i == 70) {
					placing.add(clients.submit(() -> {
						SharedStack.stack().infra().restartKafka();
						return null;
					}));
				}
				// paces the placements at 10 a second, not a wait for a condition
				Thread.sleep(100);
			}
			for (Future<?> placed : placing) {
				placed.get();
			}
		}
		assertThat(statuses).as("placements need no broker").hasSize(120).allMatch((status) -> status == 201);

		Map<String, Integer> outcomes = new HashMap<>();
		for (Map.Entry<String, String> order : owners.entrySet()) {
			JsonNode done = awaitOrder(order.getValue(), order.getKey(), (status) -> !status.equals("PENDING"),
					Duration.ofSeconds(180));
			outcomes.merge(done.get("status").asString(), 1, Integer::sum);
		}
		assertThat(outcomes).containsOnlyKeys("AWAITING_PAYMENT", "REJECTED")
			.containsEntry("AWAITING_PAYMENT", 60)
			.containsEntry("REJECTED", 60);
		assertThat(stock(product)).isZero();
	}

	@Test
	void placingAnOrderIsOneTraceFromTheGatewayThroughKafkaToCatalogAndBack() throws Exception {
		String product = product("Traced", 100, 10);
		String token = user("traced");
		HttpResponse<String> placed = place(token, UUID.randomUUID().toString(), product, 1);
		String traceId = placed.headers().firstValue("X-Trace-Id").orElseThrow();
		awaitOrder(token, Gateway.json.readTree(placed.body()).get("id").asString(), "AWAITING_PAYMENT"::equals);

		// (service, span kind) pairs the trace must hold: the request, the OrderPlaced
		// publish, catalog's consumer and its StockReserved publish, order-service's
		// consumer of that reply
		Set<String> expected = Set.of("gateway SERVER", "order-service SERVER", "order-service PRODUCER",
				"catalog-service CONSUMER", "catalog-service PRODUCER", "order-service CONSUMER");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			List<OtlpReceiver.ReceivedSpan> spans = SharedStack.traces().trace(traceId);
			assertThat(spans.stream()
				.map((span) -> span.service() + " " + span.kind().replace("SPAN_KIND_", ""))
				.collect(Collectors.toSet())).as("spans of trace %s: %s", traceId, spans).containsAll(expected);
			// and the SQL the placement ran, named after its mapper methods, as calls to
			// the database (catalog reserves a poll's orders a run at a time, outside
			// any one order's trace)
			assertThat(spans.stream().map((span) -> span.service() + " " + span.name() + " " + span.kind()))
				.as("spans of trace %s", traceId)
				.contains("order-service OrderMapper.insert SPAN_KIND_CLIENT",
						"order-service OutboxMapper.insert SPAN_KIND_CLIENT",
						"order-service OrderMapper.reserved SPAN_KIND_CLIENT");
		});
	}

	private static String product(String name, long priceFen, int stock) throws Exception {
		HttpResponse<String> created = send(post("/api/admin/catalog/products", admin, """
				{"name":"%s %s","description":"e2e","priceFen":%d,"stock":%d,"categoryId":"%s"}""".formatted(name, RUN,
				priceFen, stock, category)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return Gateway.json.readTree(created.body()).get("id").asString();
	}

	private static int stock(String product) throws Exception {
		return Gateway.json.readTree(send(get("/api/catalog/products/" + product, null)).body()).get("stock").asInt();
	}

	private static void awaitStock(String product, int expected) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(stock(product)).isEqualTo(expected));
	}

	private static String user(String name) throws Exception {
		return Gateway.login("mock-" + name + RUN + "-" + UUID.randomUUID());
	}

	private static HttpResponse<String> place(String token, String key, String product, int quantity) throws Exception {
		return place(token, key, productLine(product, quantity));
	}

	private static String productLine(String product, int quantity) {
		return "{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}";
	}

	private static HttpResponse<String> place(String token, String key, String line) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(post("/api/orders", token, "{\"items\":[" + line + "]}"), (name, value) -> true)
			.header("Idempotency-Key", key)
			.build();
		return send(request);
	}

	/**
	 * Places an order as a well-behaved client does: a 503 (no database connection free
	 * in time, or the gateway's circuit to order-service open for a moment on a swamped
	 * box) is retried with the same key after its Retry-After; the key makes the retry
	 * safe.
	 */
	private static HttpResponse<String> placeRetrying(String token, String key, String product, int quantity) {
		return placeRetrying(token, key, productLine(product, quantity));
	}

	private static HttpResponse<String> placeRetrying(String token, String key, String line) {
		AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
		return await().atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval((attempt, previous) -> retryAfter(last.get()))
			.until(() -> {
				last.set(place(token, key, line));
				return last.get();
			}, (response) -> response.statusCode() != 503);
	}

	private static Duration retryAfter(HttpResponse<String> response) {
		return Duration.ofSeconds(
				(response == null) ? 1 : Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
	}

	/** Polls the order until its status passes, as a mini-program would. */
	private static JsonNode awaitOrder(String token, String id, Predicate<String> status) {
		return awaitOrder(token, id, status, Duration.ofSeconds(60));
	}

	private static JsonNode awaitOrder(String token, String id, Predicate<String> status, Duration atMost) {
		return await().alias("order " + id + " reaching the expected status")
			.atMost(atMost)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> send(get("/api/orders/" + id, token)),
					(response) -> response.statusCode() == 200
							&& status.test(Gateway.json.readTree(response.body()).get("status").asString()))
			.body()
			.transform(Gateway.json::readTree);
	}

}
