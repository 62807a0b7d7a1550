package io.minibase.catalog.stock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.minibase.catalog.stock.IncomingOrderEvents.OrderPlaced;
import io.minibase.catalog.stock.IncomingOrderEvents.OrderPlaced.Line;
import io.minibase.catalog.stock.StockService.Closing;
import io.minibase.catalog.stock.StockService.Placement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.testsupport.EventSchemas;
import io.minibase.testsupport.UseLocalInfra;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = { "minibase.events.relay.interval=50ms", "REDIS_TIMEOUT=3s", "REDIS_CONNECT_TIMEOUT=3s" })
@UseLocalInfra(database = "catalog", redis = true, kafka = true)
class StockReservationIT {

	private static final AtomicLong ORDERS = new AtomicLong(System.currentTimeMillis());

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	StockService stock;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	MeterRegistry meters;

	@Test
	void aRunOfPlacementsIsReservedInOneTransactionInTheOrderTheyCame() {
		long item = product("Run", 100, 5);
		String first = orderId();
		String second = orderId();
		String third = orderId();
		Placement firstPlacement = new Placement(eventId(), placed(first, item, 3), Map.of());
		this.stock.reserve(List.of(firstPlacement, new Placement(eventId(), placed(second, item, 3), Map.of()),
				// delivered twice in one poll, and the same order under another event id
				firstPlacement, new Placement(eventId(), placed(first, item, 1), Map.of()),
				new Placement(eventId(), placed(third, item, 2), Map.of())));

		assertThat(events(first)).containsExactly(StockEvents.StockReserved.TYPE);
		assertThat(events(second)).containsExactly(StockEvents.StockRejected.TYPE);
		assertThat(events(third)).containsExactly(StockEvents.StockReserved.TYPE);
		assertThat(reserved(List.of(first, second, third), item)).isEqualTo(5);
		assertThat(stockOf(item)).isZero();
		assertThat(this.redis.hasKey("catalog:sold-out:" + item)).as("the run took the last units").isTrue();

		// the same event again, in a run of its own: nothing changes
		this.stock.reserve(List.of(firstPlacement));
		assertThat(events(first)).hasSize(1);
		assertThat(stockOf(item)).isZero();
	}

	@Test
	void aRunOfClosedOrdersReturnsWhatEachHeldOnceInOneTransaction() {
		long item = product("Expiring", 100, 10);
		String first = orderId();
		String second = orderId();
		String neverPlaced = orderId();
		this.stock.reserve(eventId(), placed(first, item, 2));
		this.stock.reserve(eventId(), placed(second, item, 3));
		Closing firstExpired = new Closing(eventId(), first, Map.of());

		this.stock.release(List.of(firstExpired, firstExpired, new Closing(eventId(), second, Map.of()),
				new Closing(eventId(), neverPlaced, Map.of()), new Closing(eventId(), first, Map.of())));

		assertThat(stockOf(item)).isEqualTo(10);
		assertThat(events(first)).containsExactly(StockEvents.StockReserved.TYPE, StockEvents.StockReleased.TYPE);
		assertThat(events(second)).containsExactly(StockEvents.StockReserved.TYPE, StockEvents.StockReleased.TYPE);
		assertThat(events(neverPlaced)).isEmpty();
		// closed before its placement arrived: the late placement reserves nothing
		this.stock.reserve(eventId(), placed(neverPlaced, item, 1));
		assertThat(events(neverPlaced)).isEmpty();
		assertThat(stockOf(item)).isEqualTo(10);
	}

	@Test
	void aCrowdOnKafkaReservesExactlyTheStockAndAnUnreadableEventAmongItIsDeadLettered() throws Exception {
		long item = product("Crowd", 100, 10);
		double deadBefore = deadLetters();
		List<String> orderIds = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			orderIds.add(orderId());
		}
		this.transactions.executeWithoutResult((tx) -> orderIds.subList(0, 15)
			.forEach((orderId) -> this.outbox.append(IncomingOrderEvents.TOPIC, IncomingOrderEvents.PLACED, orderId,
					placed(orderId, item, 1))));
		// no CloudEvents headers: no consumer can read it
		this.kafka.send(IncomingOrderEvents.TOPIC, "unreadable", "not an event".getBytes()).get();
		this.transactions.executeWithoutResult((tx) -> orderIds.subList(15, 30)
			.forEach((orderId) -> this.outbox.append(IncomingOrderEvents.TOPIC, IncomingOrderEvents.PLACED, orderId,
					placed(orderId, item, 1))));

		await("an outcome for each of the 30 orders").atMost(Duration.ofSeconds(60))
			.until(() -> orderIds.stream().noneMatch((orderId) -> events(orderId).isEmpty()));
		assertThat(reserved(orderIds, item)).isEqualTo(10);
		assertThat(stockOf(item)).isZero();
		for (String orderId : orderIds) {
			assertThat(events(orderId)).hasSize(1);
		}
		await("the unreadable record dead-lettered").atMost(Duration.ofSeconds(30))
			.until(() -> deadLetters() > deadBefore);
	}

	private double deadLetters() {
		Counter counter = this.meters.find("minibase.events.dead.letters")
			.tag("topic", IncomingOrderEvents.TOPIC)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void anOrderPlacedOnKafkaIsReservedAndAnsweredWithStockReservedAtTheReservedPrices() throws Exception {
		long apple = product("Apple", 300, 10);
		long pear = product("Pear", 120, 5);
		String orderId = orderId();
		String placed = """
				{"orderId":"%s","userId":"7","items":[{"productId":"%d","quantity":2},{"productId":"%d","quantity":5}],
				 "at":"2026-11-22T10:00:00Z"}""".formatted(orderId, apple, pear);
		// the consumer's side of the contract: the producer's schema describes this event
		EventSchemas.assertConforms(IncomingOrderEvents.PLACED, placed);
		this.transactions.executeWithoutResult((tx) -> this.outbox.append(IncomingOrderEvents.TOPIC,
				IncomingOrderEvents.PLACED, orderId, this.json.readTree(placed)));

		JsonNode reserved = awaitEvent(orderId, StockEvents.StockReserved.TYPE);
		assertThat(reserved.get("totalFen").asLong()).isEqualTo(2 * 300 + 5 * 120);
		assertThat(reserved.get("lines")).hasSize(2);
		assertThat(reserved.get("lines").get(0).get("name").asString()).isEqualTo("Apple");
		assertThat(stockOf(apple)).isEqualTo(8);
		assertThat(stockOf(pear)).isZero();
	}

	@Test
	void anOrderThatCannotBeFullyReservedReservesNothingAndSaysWhy() {
		long plenty = product("Plenty", 100, 50);
		long scarce = product("Scarce", 100, 1);
		String orderId = orderId();
		this.stock.reserve(eventId(), placed(orderId, plenty, 3, scarce, 2));

		assertThat(stockOf(plenty)).as("all or nothing").isEqualTo(50);
		assertThat(stockOf(scarce)).isEqualTo(1);
		JsonNode rejected = event(orderId, StockEvents.StockRejected.TYPE);
		assertThat(rejected.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
		assertThat(rejected.get("productId").asString()).isEqualTo(String.valueOf(scarce));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM stock_reservation WHERE order_id = ?", Integer.class,
				orderId))
			.isZero();
	}

	@Test
	void unknownAndOffShelfProductsAreRejectedWithTheirReason() {
		long off = product("Old", 100, 9);
		this.jdbc.update("UPDATE product SET status = 'OFF_SHELF' WHERE id = ?", off);
		String offOrder = orderId();
		this.stock.reserve(eventId(), placed(offOrder, off, 1));
		assertThat(event(offOrder, StockEvents.StockRejected.TYPE).get("reason").asString())
			.isEqualTo("PRODUCT_OFF_SHELF");

		String unknownOrder = orderId();
		this.stock.reserve(eventId(),
				new OrderPlaced(unknownOrder, "7", List.of(Line.ofProduct("not-a-catalog-id", 1)), Instant.now()));
		assertThat(event(unknownOrder, StockEvents.StockRejected.TYPE).get("reason").asString())
			.isEqualTo("PRODUCT_NOT_FOUND");
		assertThat(stockOf(off)).isEqualTo(9);
	}

	@Test
	void aRedeliveredOrderPlacedReservesOnce() {
		long item = product("Once", 100, 10);
		String orderId = orderId();
		String eventId = eventId();
		this.stock.reserve(eventId, placed(orderId, item, 4));
		this.stock.reserve(eventId, placed(orderId, item, 4));
		// the same order under another event id (published twice by a relay that
		// crashed before marking it sent is the same id; this guards the rest)
		this.stock.reserve(eventId(), placed(orderId, item, 4));

		assertThat(stockOf(item)).isEqualTo(6);
		assertThat(events(orderId)).containsExactly(StockEvents.StockReserved.TYPE);
	}

	@Test
	void cancelAndExpiryReturnStockExactlyOnceEvenWhenDeliveredTwice() {
		long item = product("Returned", 100, 10);
		String orderId = orderId();
		this.stock.reserve(eventId(), placed(orderId, item, 3));
		assertThat(stockOf(item)).isEqualTo(7);

		String cancelled = eventId();
		this.stock.release(cancelled, orderId);
		this.stock.release(cancelled, orderId);
		// and an expiry racing the cancel: another event for the same order
		this.stock.release(eventId(), orderId);

		assertThat(stockOf(item)).isEqualTo(10);
		assertThat(events(orderId)).containsExactly(StockEvents.StockReserved.TYPE, StockEvents.StockReleased.TYPE);
	}

	/**
	 * The sold-out mark order-service reads (docs/events.md):
	 * {@code catalog:sold-out:<id>} = 1 for at most 30 s, set once the last units went,
	 * gone once units come back.
	 */
	@Test
	void theOrderThatTakesTheLastUnitsMarksTheProductSoldOutAndAReleaseClearsTheMark() {
		long item = product("Last", 100, 3);
		String key = "catalog:sold-out:" + item;
		String first = orderId();
		this.stock.reserve(eventId(), placed(first, item, 2));
		assertThat(this.redis.hasKey(key)).as("units left").isFalse();

		String last = orderId();
		this.stock.reserve(eventId(), placed(last, item, 1));
		assertThat(this.redis.opsForValue().get(key)).isEqualTo("1");
		assertThat(this.redis.getExpire(key)).isBetween(1L, 30L);

		this.stock.release(eventId(), last);
		assertThat(this.redis.hasKey(key)).as("a unit came back").isFalse();
		assertThat(stockOf(item)).isEqualTo(1);
	}

	@Test
	void anOrderThatFindsTheProductEmptyMarksItAgain() {
		long item = product("Empty", 100, 0);
		String key = "catalog:sold-out:" + item;
		this.redis.delete(key);

		this.stock.reserve(eventId(), placed(orderId(), item, 1));

		assertThat(this.redis.opsForValue().get(key)).isEqualTo("1");
		// an order for more than is left does not mark a product that still has units
		long some = product("Some", 100, 2);
		this.stock.reserve(eventId(), placed(orderId(), some, 5));
		assertThat(this.redis.hasKey("catalog:sold-out:" + some)).isFalse();
	}

	@Test
	void aPaidOrderCanNoLongerReturnItsStock() {
		long item = product("Sold", 100, 10);
		String orderId = orderId();
		this.stock.reserve(eventId(), placed(orderId, item, 2));
		this.stock.sell(eventId(), orderId);
		this.stock.release(eventId(), orderId);
		assertThat(stockOf(item)).isEqualTo(8);
	}

	@Test
	void aPaidOrderRefundedBeforeShippingReturnsItsStockOnceEvenWhenToldTwice() {
		long item = product("Refunded", 100, 10);
		String orderId = orderId();
		this.stock.reserve(eventId(), placed(orderId, item, 3));
		this.stock.sell(eventId(), orderId);
		assertThat(stockOf(item)).isEqualTo(7);

		String refunded = eventId();
		this.stock.restock(refunded, orderId);
		this.stock.restock(refunded, orderId);
		this.stock.restock(eventId(), orderId);
		this.stock.release(eventId(), orderId);

		assertThat(stockOf(item)).isEqualTo(10);
		assertThat(events(orderId)).containsExactly(StockEvents.StockReserved.TYPE, StockEvents.StockReleased.TYPE);
		EventSchemas.assertConforms(StockEvents.StockReleased.TYPE,
				this.json.writeValueAsString(event(orderId, StockEvents.StockReleased.TYPE)));
	}

	@Test
	void aRefundOfAnOrderNeverPaidReturnsNothingTheCancelHasNotReturned() {
		long item = product("Unpaid", 100, 10);
		String orderId = orderId();
		this.stock.reserve(eventId(), placed(orderId, item, 2));
		this.stock.restock(eventId(), orderId);
		assertThat(stockOf(item)).isEqualTo(8);
		this.stock.release(eventId(), orderId);
		assertThat(stockOf(item)).isEqualTo(10);
	}

	@Test
	void anOrderClosedBeforeItsPlacementArrivesReservesNothing() {
		long item = product("Late", 100, 10);
		String orderId = orderId();
		this.stock.release(eventId(), orderId);
		this.stock.reserve(eventId(), placed(orderId, item, 2));
		assertThat(stockOf(item)).isEqualTo(10);
		assertThat(events(orderId)).isEmpty();
	}

	@Test
	void skusOfOneProductAreReservedEachFromItsOwnStockAtItsOwnPrice() throws Exception {
		long[] shirt = productOfTwoSkus("Shirt", 1000, 5, 1200, 3);
		String orderId = orderId();
		String placed = """
				{"orderId":"%s","userId":"7","items":[{"skuId":"%d","quantity":2},{"skuId":"%d","quantity":3}],
				 "at":"2026-11-22T10:00:00Z"}""".formatted(orderId, shirt[1], shirt[2]);
		EventSchemas.assertConforms(IncomingOrderEvents.PLACED, placed);
		this.stock.reserve(eventId(), this.json.readValue(placed, OrderPlaced.class));

		JsonNode reserved = event(orderId, StockEvents.StockReserved.TYPE);
		assertThat(reserved.get("totalFen").asLong()).isEqualTo(2 * 1000 + 3 * 1200);
		assertThat(reserved.get("lines").get(0).get("skuId").asString()).isEqualTo(String.valueOf(shirt[1]));
		assertThat(reserved.get("lines").get(0).get("productId").asString()).isEqualTo(String.valueOf(shirt[0]));
		assertThat(reserved.get("lines").get(0).get("specs").get("颜色").asString()).isEqualTo("红");
		assertThat(reserved.get("lines").get(1).get("priceFen").asLong()).isEqualTo(1200);
		assertThat(skuStock(shirt[1])).isEqualTo(3);
		assertThat(skuStock(shirt[2])).isZero();
		assertThat(stockOf(shirt[0])).as("the product's stock is the sum of its SKUs'").isEqualTo(3);
		assertThat(this.redis.opsForValue().get("catalog:sold-out:sku:" + shirt[2])).as("blue is gone").isEqualTo("1");
		assertThat(this.redis.hasKey("catalog:sold-out:" + shirt[0])).as("red is left").isFalse();

		// one SKU short: nothing of the other is taken either
		String tooMany = orderId();
		this.stock.reserve(eventId(), placedSkus(tooMany, sku(shirt[1], 1), sku(shirt[2], 1)));
		JsonNode rejected = event(tooMany, StockEvents.StockRejected.TYPE);
		assertThat(rejected.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
		assertThat(rejected.get("skuId").asString()).isEqualTo(String.valueOf(shirt[2]));
		assertThat(skuStock(shirt[1])).isEqualTo(3);

		this.stock.release(eventId(), orderId);
		assertThat(skuStock(shirt[1])).isEqualTo(5);
		assertThat(skuStock(shirt[2])).isEqualTo(3);
		assertThat(stockOf(shirt[0])).isEqualTo(8);
		assertThat(this.redis.hasKey("catalog:sold-out:sku:" + shirt[2])).as("blue came back").isFalse();
		JsonNode released = event(orderId, StockEvents.StockReleased.TYPE);
		assertThat(released.get("lines")).hasSize(2);
		assertThat(released.get("lines").get(1).get("skuId").asString()).isEqualTo(String.valueOf(shirt[2]));
	}

	@Test
	void aProductOfSeveralSkusNamedWithoutOneAndAnUnknownSkuAreRejected() {
		long[] shirt = productOfTwoSkus("Which one", 1000, 5, 1000, 5);
		String orderId = orderId();
		this.stock.reserve(eventId(), placed(orderId, shirt[0], 1));
		JsonNode rejected = event(orderId, StockEvents.StockRejected.TYPE);
		assertThat(rejected.get("reason").asString()).isEqualTo("SKU_REQUIRED");
		assertThat(rejected.get("productId").asString()).isEqualTo(String.valueOf(shirt[0]));

		String unknown = orderId();
		this.stock.reserve(eventId(), placedSkus(unknown, sku(shirt[1], 1), Line.ofSku("987654321", 1)));
		JsonNode missing = event(unknown, StockEvents.StockRejected.TYPE);
		assertThat(missing.get("reason").asString()).isEqualTo("PRODUCT_NOT_FOUND");
		assertThat(missing.get("skuId").asString()).isEqualTo("987654321");
		assertThat(missing.has("productId")).isFalse();
		assertThat(stockOf(shirt[0])).isEqualTo(10);
		assertThat(skuStock(shirt[1])).isEqualTo(5);
	}

	@Test
	void aProductAndItsOnlySkuInOneOrderAreOneLineOfTheirSummedUnits() {
		long item = product("Alone", 250, 5);
		long only = this.jdbc.queryForObject("SELECT id FROM sku WHERE product_id = ?", Long.class, item);
		String orderId = orderId();
		this.stock.reserve(eventId(), placedSkus(orderId, Line.ofProduct(String.valueOf(item), 2), sku(only, 1)));
		JsonNode reserved = event(orderId, StockEvents.StockReserved.TYPE);
		assertThat(reserved.get("lines")).hasSize(1);
		assertThat(reserved.get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
		assertThat(reserved.get("lines").get(0).get("specs").isEmpty()).isTrue();
		assertThat(skuStock(only)).isEqualTo(2);
		assertThat(stockOf(item)).isEqualTo(2);
	}

	@Test
	void manyOrdersFromManyThreadsNeverOversellSmallStock() throws Exception {
		long a = product("Flash sale A", 100, 20);
		long b = product("Flash sale B", 100, 7);
		long[] c = productOfTwoSkus("Flash sale C", 100, 6, 150, 4);
		int orders = 200;
		List<String> orderIds = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> done = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			for (int i = 0; i < orders; i++) {
				String orderId = orderId();
				orderIds.add(orderId);
				// some orders want both products, in either order of lines
				// and two SKUs of one product, alone or both in one order
				OrderPlaced order = switch (i % 5) {
					case 0 -> placed(orderId, a, 1 + i % 2);
					case 1 -> placed(orderId, b, 1, a, 1);
					case 2 -> placed(orderId, a, 1, b, 1);
					case 3 -> placedSkus(orderId, sku(c[1 + (i / 5) % 2], 1));
					default -> placedSkus(orderId, sku(c[2], 1), sku(c[1], 1));
				};
				done.add(pool.submit(() -> {
					start.await();
					retryingDeadlocks(() -> this.stock.reserve(eventId(), order));
					return null;
				}));
			}
			start.countDown();
			for (Future<?> f : done) {
				f.get();
			}
		}
		int reservedA = reserved(orderIds, a);
		int reservedB = reserved(orderIds, b);
		assertThat(reservedA).isEqualTo(20);
		assertThat(reservedB).isEqualTo(7);
		assertThat(stockOf(a)).isZero();
		assertThat(stockOf(b)).isZero();
		assertThat(reservedOfSku(orderIds, c[1])).isEqualTo(6);
		assertThat(reservedOfSku(orderIds, c[2])).isEqualTo(4);
		assertThat(skuStock(c[1])).isZero();
		assertThat(skuStock(c[2])).isZero();
		assertThat(stockOf(c[0])).isZero();
		// every order is fully reserved or fully rejected
		for (String orderId : orderIds) {
			assertThat(events(orderId)).hasSize(1);
		}
	}

	/** The Kafka consumer retries a deadlock victim; a direct caller does the same. */
	private static void retryingDeadlocks(Runnable work) {
		for (int attempt = 1;; attempt++) {
			try {
				work.run();
				return;
			}
			catch (org.springframework.dao.PessimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	private int reservedOfSku(List<String> orderIds, long skuId) {
		return reserved(orderIds, "sku_id", skuId);
	}

	private int reserved(List<String> orderIds, long productId) {
		return reserved(orderIds, "product_id", productId);
	}

	private int reserved(List<String> orderIds, String column, long id) {
		return orderIds.stream()
			.mapToInt((orderId) -> this.jdbc.queryForObject("SELECT COALESCE(SUM(quantity), 0) FROM stock_reservation"
					+ " WHERE order_id = ? AND " + column + " = ?", Integer.class, orderId, id))
			.sum();
	}

	private long product(String name, long priceFen, int stock) {
		this.jdbc.update("INSERT INTO category (name) VALUES ('Stock IT')");
		Long category = this.jdbc.queryForObject("SELECT MAX(id) FROM category", Long.class);
		this.jdbc.update(
				"INSERT INTO product (category_id, name, price_fen, stock, image_file_ids) VALUES (?, ?, ?, ?, '[]')",
				category, name, priceFen, stock);
		long product = this.jdbc.queryForObject("SELECT MAX(id) FROM product", Long.class);
		sku(product, "{}", priceFen, stock);
		return product;
	}

	/** A product of two SKUs, red and blue, as the admin's write leaves it. */
	private long[] productOfTwoSkus(String name, long redFen, int red, long blueFen, int blue) {
		long product = product(name, Math.min(redFen, blueFen), red + blue);
		this.jdbc.update("DELETE FROM sku WHERE product_id = ?", product);
		return new long[] { product, sku(product, "{\"颜色\":\"红\"}", redFen, red),
				sku(product, "{\"颜色\":\"蓝\"}", blueFen, blue) };
	}

	private long sku(long product, String specs, long priceFen, int stock) {
		this.jdbc.update("INSERT INTO sku (product_id, specs, price_fen, stock) VALUES (?, ?, ?, ?)", product, specs,
				priceFen, stock);
		return this.jdbc.queryForObject("SELECT MAX(id) FROM sku", Long.class);
	}

	private int skuStock(long skuId) {
		return this.jdbc.queryForObject("SELECT stock FROM sku WHERE id = ?", Integer.class, skuId);
	}

	private static OrderPlaced placedSkus(String orderId, Line... lines) {
		return new OrderPlaced(orderId, "7", List.of(lines), Instant.now());
	}

	private static Line sku(long skuId, int quantity) {
		return Line.ofSku(String.valueOf(skuId), quantity);
	}

	private int stockOf(long productId) {
		return this.jdbc.queryForObject("SELECT stock FROM product WHERE id = ?", Integer.class, productId);
	}

	private static OrderPlaced placed(String orderId, long productId, int quantity) {
		return new OrderPlaced(orderId, "7", List.of(Line.ofProduct(String.valueOf(productId), quantity)),
				Instant.now());
	}

	private static OrderPlaced placed(String orderId, long first, int firstQuantity, long second, int secondQuantity) {
		return new OrderPlaced(orderId, "7", List.of(Line.ofProduct(String.valueOf(first), firstQuantity),
				Line.ofProduct(String.valueOf(second), secondQuantity)), Instant.now());
	}

	private static String orderId() {
		return "it-" + ORDERS.incrementAndGet();
	}

	private static String eventId() {
		return UUID.randomUUID().toString();
	}

	private List<String> events(String orderId) {
		return this.jdbc.queryForList("SELECT event_type FROM outbox WHERE subject = ? AND topic = ? ORDER BY id",
				String.class, orderId, StockEvents.TOPIC);
	}

	/** The one event of this type for the order; it conforms to its schema. */
	private JsonNode event(String orderId, String type) {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList("SELECT payload FROM outbox WHERE subject = ? AND event_type = ?", orderId, type);
		assertThat(rows).hasSize(1);
		String payload = (String) rows.get(0).get("payload");
		EventSchemas.assertConforms(type, payload);
		return this.json.readTree(payload);
	}

	private JsonNode awaitEvent(String orderId, String type) {
		await(type + " for order " + orderId).atMost(Duration.ofSeconds(30)).until(() -> !events(orderId).isEmpty());
		return event(orderId, type);
	}

}
