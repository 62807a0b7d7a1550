package io.minibase.order.ordering;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.minibase.testsupport.EventSchemas;
import io.minibase.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cart on real MariaDB, Redis and Kafka (ADR 14): priced from the copy of catalog's
 * SKUs that catalog's ProductChanged events feed (published here as catalog publishes
 * them, through the outbox and the topic), available unless off shelf or marked sold out,
 * another user's never reachable, and a checkout from it that takes its items out once,
 * with the order.
 */
class CartIT extends OrderIntegrationTest {

	private static final AtomicLong PRODUCTS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

	@Test
	void theCartShowsTodaysPricesAndWhatCanBeOrderedNow() throws Exception {
		String user = newUser();
		Product shirt = product("T恤", "ON_SALE", 1, 5900, 4900);
		assertThat(put(user, shirt.sku(0), 2).statusCode()).isEqualTo(200);
		JsonNode cart = body(put(user, shirt.sku(1), 1));
		assertThat(cart.get("items")).hasSize(2);
		JsonNode red = cart.get("items").get(0);
		assertThat(red.get("skuId").asString()).isEqualTo(shirt.sku(0));
		assertThat(red.get("productId").asString()).isEqualTo(shirt.id());
		assertThat(red.get("name").asString()).isEqualTo("T恤");
		assertThat(red.get("specs").get("颜色").asString()).isEqualTo("0");
		assertThat(red.get("priceFen").asLong()).isEqualTo(5900);
		assertThat(red.get("quantity").asInt()).isEqualTo(2);
		assertThat(red.get("available").asBoolean()).isTrue();
		assertThat(cart.get("totalFen").asLong()).isEqualTo(2 * 5900 + 4900);

		// a new price is today's price; a quantity set again replaces the old one
		changed(shirt.id(), "T恤", "ON_SALE", 2, shirt.skus(), 3900, 4900);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> body(get(user, "/api/cart")).get("items").get(0).get("priceFen").asLong() == 3900);
		assertThat(body(put(user, shirt.sku(0), 3)).get("totalFen").asLong()).isEqualTo(3 * 3900 + 4900);

		// catalog says the blue one is gone: not available, not in the total
		this.redis.opsForValue().set("catalog:sold-out:sku:" + shirt.sku(1), "1", Duration.ofSeconds(30));
		JsonNode marked = body(get(user, "/api/cart"));
		assertThat(marked.get("items").get(1).get("available").asBoolean()).isFalse();
		assertThat(marked.get("totalFen").asLong()).isEqualTo(3 * 3900);
		this.redis.delete("catalog:sold-out:sku:" + shirt.sku(1));

		// off shelf: nothing available
		changed(shirt.id(), "T恤", "OFF_SHELF", 3, shirt.skus(), 3900, 4900);
		await().atMost(Duration.ofSeconds(30)).until(() -> body(get(user, "/api/cart")).get("totalFen").asLong() == 0);

		// 0 removes, DELETE removes
		assertThat(body(put(user, shirt.sku(0), 0)).get("items")).hasSize(1);
		HttpResponse<String> removed = send(request("/api/cart/items/" + shirt.sku(1), user).DELETE());
		assertThat(removed.statusCode()).isEqualTo(200);
		assertThat(body(removed).get("items")).isEmpty();
	}

	@Test
	void anotherUsersCartIsNeverReachedAndBadItemsAreRefused() throws Exception {
		String alice = newUser();
		String bob = newUser();
		Product tea = product("Tea", "ON_SALE", 1, 300);
		put(alice, tea.sku(0), 4);
		assertThat(body(get(bob, "/api/cart")).get("items")).isEmpty();
		send(request("/api/cart/items/" + tea.sku(0), bob).DELETE());
		assertThat(body(get(alice, "/api/cart")).get("items").get(0).get("quantity").asInt()).isEqualTo(4);

		assertThat(put(alice, "987654321012", 1).statusCode()).as("unknown SKU").isEqualTo(404);
		HttpResponse<String> tooMany = put(alice, tea.sku(0), 1000);
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(body(tooMany).get("errors").get(0).get("field").asString()).isEqualTo("quantity");
		assertThat(send(request("/api/cart", "not-a-token").GET()).statusCode()).isEqualTo(401);
	}

	@Test
	void aCheckoutFromTheCartOrdersItsAvailableItemsOnceAndTakesThemOut() throws Exception {
		String userId = newUserId();
		String user = TestTokens.user(userId);
		Product shirt = product("Shirt", "ON_SALE", 1, 1000, 1200);
		Product gone = product("Gone", "OFF_SHELF", 1, 500);
		put(user, shirt.sku(0), 2);
		put(user, shirt.sku(1), 1);
		put(user, gone.sku(0), 1);

		String key = key();
		HttpResponse<String> placed = place(user, key, "{\"fromCart\":true}");
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String id = body(placed).get("id").asString();
		JsonNode reserved = awaitStatus(user, id, "AWAITING_PAYMENT");
		assertThat(reserved.get("items")).extracting((item) -> item.get("skuId").asString())
			.containsExactly(shirt.sku(0), shirt.sku(1));
		assertThat(reserved.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
		JsonNode cart = body(get(user, "/api/cart"));
		assertThat(cart.get("items")).as("what was not available stays")
			.extracting((item) -> item.get("skuId").asString())
			.containsExactly(gone.sku(0));

		// the same key and body: the same order, nothing ordered again
		put(user, shirt.sku(0), 5);
		HttpResponse<String> replay = place(user, key, "{\"fromCart\":true}");
		assertThat(body(replay).get("id").asString()).isEqualTo(id);
		assertThat(body(get(user, "/api/cart")).get("items")).hasSize(2);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE user_id = ?", Integer.class,
				Long.parseLong(userId)))
			.isEqualTo(1);

		// nothing that can be ordered: 400, no order
		String empty = newUser();
		put(empty, gone.sku(0), 1);
		HttpResponse<String> nothing = place(empty, key(), "{\"fromCart\":true}");
		assertThat(nothing.statusCode()).isEqualTo(400);
		assertThat(body(nothing).get("errors").get(0).get("field").asString()).isEqualTo("fromCart");
		assertThat(place(empty, key(), "{\"fromCart\":true,\"items\":[{\"skuId\":\"1\",\"quantity\":1}]}").statusCode())
			.isEqualTo(400);
	}

	/**
	 * The cart row is changed by another transaction after the placement read the cart
	 * and before it takes the row out: the placement waits on the row's lock, finds a
	 * quantity it did not order, and rolls back.
	 */
	@Test
	void aCartChangedWhileItsOrderIsPlacedIs409AndNothingIsOrdered() throws Exception {
		String userId = newUserId();
		String user = TestTokens.user(userId);
		Product tea = product("Tea", "ON_SALE", 1, 800);
		put(user, tea.sku(0), 2);

		HttpResponse<String> placed;
		try (Connection other = this.jdbc.getDataSource().getConnection()) {
			other.setAutoCommit(false);
			try (PreparedStatement change = other
				.prepareStatement("UPDATE cart_item SET quantity = 3 WHERE user_id = ? AND sku_id = ?")) {
				change.setLong(1, Long.parseLong(userId));
				change.setString(2, tea.sku(0));
				assertThat(change.executeUpdate()).isOne();
			}
			CompletableFuture<HttpResponse<String>> placing = CompletableFuture.supplyAsync(() -> {
				try {
					return place(user, key(), "{\"fromCart\":true}");
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			await("the placement waiting on the cart row").atMost(Duration.ofSeconds(20))
				.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.INNODB_TRX"
						// MyBatis's statement timeout prefixes it with SET STATEMENT
						+ " WHERE trx_state = 'LOCK WAIT' AND trx_query LIKE '%DELETE FROM cart_item%'",
						Integer.class) > 0);
			other.commit();
			placed = placing.get(30, TimeUnit.SECONDS);
		}

		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(409);
		assertThat(placed.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(body(placed).get("detail").asString()).contains("cart changed");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE user_id = ?", Integer.class,
				Long.parseLong(userId)))
			.isZero();
		JsonNode cart = body(get(user, "/api/cart"));
		assertThat(cart.get("items")).hasSize(1);
		assertThat(cart.get("items").get(0).get("quantity").asInt()).as("as the other change left it").isEqualTo(3);
	}

	@Test
	void addsAtOnceToAnEmptyCartAllLandUpToTheLimitAndNoFurther() throws Exception {
		String user = newUser();
		long[] prices = java.util.stream.LongStream.range(0, 30).map((i) -> 100 + i).toArray();
		List<String> skus = new java.util.ArrayList<>(product("Many A", "ON_SALE", 1, prices).skus());
		skus.addAll(product("Many B", "ON_SALE", 1, java.util.Arrays.copyOf(prices, 25)).skus());
		List<Integer> statuses;
		try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<Integer>> answers = skus.stream().map((sku) -> pool.submit(() -> {
				start.await();
				return put(user, sku, 1).statusCode();
			})).toList();
			start.countDown();
			statuses = new java.util.ArrayList<>();
			for (java.util.concurrent.Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
		}
		assertThat(statuses).containsOnly(200, 409);
		assertThat(statuses.stream().filter((status) -> status == 200)).hasSize(50);
		assertThat(body(get(user, "/api/cart")).get("items")).hasSize(50);
	}

	/** A product of catalog's with a SKU for each price, specs 颜色 = its index. */
	private Product product(String name, String status, long version, long... prices) {
		String id = "cart-" + PRODUCTS.incrementAndGet();
		List<String> skus = java.util.stream.IntStream.range(0, prices.length).mapToObj((i) -> id + "-" + i).toList();
		changed(id, name, status, version, skus, prices);
		await("product " + id + " copied").atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM catalog_sku WHERE product_id = ?",
					Integer.class, id) == prices.length);
		return new Product(id, skus);
	}

	/** Publishes ProductChanged as catalog does, through the outbox to its topic. */
	private void changed(String id, String name, String status, long version, List<String> skus, long... prices) {
		List<Map<String, Object>> skuRows = java.util.stream.IntStream.range(0, prices.length)
			.mapToObj((i) -> Map.<String, Object>of("id", skus.get(i), "specs", Map.of("颜色", String.valueOf(i)),
					"priceFen", prices[i], "stock", 5))
			.toList();
		Map<String, Object> event = Map.of("id", id, "name", name, "priceFen",
				java.util.Arrays.stream(prices).min().orElseThrow(), "status", status, "stock", 5 * prices.length,
				"categoryId", "1", "version", version, "skus", skuRows, "at", Instant.now().toString());
		EventSchemas.assertConforms("catalog.ProductChanged.v1", this.json.writeValueAsString(event));
		this.transactions.executeWithoutResult(
				(tx) -> this.outbox.append("catalog.products.v1", "catalog.ProductChanged.v1", id, event));
	}

	private HttpResponse<String> put(String token, String skuId, int quantity) throws Exception {
		return send(request("/api/cart/items/" + skuId, token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"quantity\":" + quantity + "}")));
	}

	private record Product(String id, List<String> skus) {

		String sku(int index) {
			return this.skus.get(index);
		}

	}

}
