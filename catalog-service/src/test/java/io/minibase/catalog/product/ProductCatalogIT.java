package io.minibase.catalog.product;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.minibase.testsupport.EventSchemas;
import io.minibase.testsupport.TestTokens;
import io.minibase.testsupport.UseLocalInfra;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

// the build machine is shared and slow; production keeps the short defaults
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "REDIS_TIMEOUT=3s", "REDIS_CONNECT_TIMEOUT=3s" })
@UseLocalInfra(database = "catalog", redis = true, kafka = true)
class ProductCatalogIT {

	@DynamicPropertySource
	static void authService(DynamicPropertyRegistry registry) {
		registry.add("minibase.tokens.jwk-set-uri", TestTokens::jwksUri);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Counting {

		@Bean
		FindByIdCounter findByIdCounter() {
			return new FindByIdCounter();
		}

	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	FindByIdCounter queries;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void forgetCachedProductsOfEarlierRuns() {
		// the test schema is new for every run, its ids start again at 1
		Set<String> keys = this.redis.keys("catalog:*");
		if (!keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	@Test
	void aCachedProductReadAfterAnAdminUpdateShowsTheUpdate() throws Exception {
		String category = createCategory("Fruit");
		assertThat(get("/api/catalog/categories").body()).contains("Fruit");
		createCategory("Vegetables");
		assertThat(get("/api/catalog/categories").body()).as("the cached list after a write").contains("Vegetables");
		String id = createProduct(category, "Apple", 100, 5, null);
		assertThat(body(get("/api/catalog/products/" + id)).get("priceFen").asLong()).isEqualTo(100);
		assertThat(body(get("/api/catalog/products/" + id)).get("priceFen").asLong()).isEqualTo(100);

		HttpResponse<String> updated = send(admin("/api/admin/catalog/products/" + id)
			.PUT(HttpRequest.BodyPublishers.ofString(product(category, "Red apple", 250, 4, "OFF_SHELF"))));
		assertThat(updated.statusCode()).isEqualTo(200);

		JsonNode read = body(get("/api/catalog/products/" + id));
		assertThat(read.get("priceFen").asLong()).isEqualTo(250);
		assertThat(read.get("name").asString()).isEqualTo("Red apple");
		assertThat(read.get("status").asString()).isEqualTo("OFF_SHELF");
	}

	@Test
	void anEditBasedOnAStaleReadIsRefusedInsteadOfOverwritingStock() throws Exception {
		String category = createCategory("Edited");
		String id = createProduct(category, "Counted", 100, 10, null);
		String etag = get("/api/catalog/products/" + id).headers().firstValue("ETag").orElseThrow();
		// an order reserves units after the editor read the product
		this.jdbc.update("UPDATE product SET stock = stock - 3, version = version + 1 WHERE id = ?", id);
		this.jdbc.update("UPDATE sku SET stock = stock - 3 WHERE product_id = ?", id);
		this.redis.delete(ProductCache.key(Long.parseLong(id)));

		HttpResponse<String> stale = send(admin("/api/admin/catalog/products/" + id).header("If-Match", etag)
			.PUT(HttpRequest.BodyPublishers.ofString(product(category, "Counted", 120, 10, null))));
		assertThat(stale.statusCode()).isEqualTo(412);
		assertThat(body(get("/api/catalog/products/" + id)).get("stock").asInt()).isEqualTo(7);

		String fresh = get("/api/catalog/products/" + id).headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> updated = send(admin("/api/admin/catalog/products/" + id).header("If-Match", fresh)
			.PUT(HttpRequest.BodyPublishers.ofString(product(category, "Counted", 120, 7, null))));
		assertThat(updated.statusCode()).isEqualTo(200);
		assertThat(updated.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(fresh);
		assertThat(body(updated).get("priceFen").asLong()).isEqualTo(120);
	}

	@Test
	void aBurstOfReadsOfAnEvictedHotKeyCostsOneQuery() throws Exception {
		String id = createProduct(createCategory("Hot"), "Hot item", 990, 100, null);
		assertThat(get("/api/catalog/products/" + id).statusCode()).isEqualTo(200);
		this.redis.delete(ProductCache.key(Long.parseLong(id)));
		this.queries.reset();

		int threads = 50;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			for (int i = 0; i < threads; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return get("/api/catalog/products/" + id).statusCode();
				}));
			}
			start.countDown();
			for (Future<Integer> answer : answers) {
				assertThat(answer.get()).isEqualTo(200);
			}
		}
		assertThat(this.queries.count()).isEqualTo(1);
	}

	@Test
	void unknownIdsReachMySqlOnlyOnce() throws Exception {
		this.queries.reset();
		for (int round = 0; round < 3; round++) {
			for (long id = 900_000_001L; id <= 900_000_005L; id++) {
				HttpResponse<String> response = get("/api/catalog/products/" + id);
				assertThat(response.statusCode()).isEqualTo(404);
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			}
		}
		assertThat(this.queries.count()).isEqualTo(5);
	}

	@Test
	void paginationWalksEveryOnSaleProductExactlyOnce() throws Exception {
		String category = createCategory("Paged");
		Set<String> onSale = new HashSet<>();
		for (int i = 0; i < 7; i++) {
			onSale.add(createProduct(category, "Paged " + i, 100 + i, i, null));
		}
		createProduct(category, "Paged hidden", 100, 1, "OFF_SHELF");

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = body(get("/api/catalog/products?size=3&categoryId=" + category
					+ ((cursor != null) ? "&cursor=" + cursor : "")));
			page.get("items").forEach((item) -> seen.add(item.get("id").asString()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
			pages++;
		}
		while (cursor != null && pages < 10);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(onSale);
		assertThat(pages).isEqualTo(3);
	}

	@Test
	void theAdminListWalksEveryProductOffShelfTooAndFiltersByStatus() throws Exception {
		String category = createCategory("Shelves");
		Set<String> all = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			all.add(createProduct(category, "Shelved " + i, 100 + i, i, null));
		}
		String hidden = createProduct(category, "Shelved hidden", 100, 1, "OFF_SHELF");
		all.add(hidden);

		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			HttpResponse<String> response = send(admin("/api/admin/catalog/products?size=2&categoryId=" + category
					+ ((cursor != null) ? "&cursor=" + cursor : ""))
				.GET());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
			JsonNode page = body(response);
			page.get("items").forEach((item) -> seen.add(item.get("id").asString()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
		}
		while (cursor != null && seen.size() < 20);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);

		JsonNode offShelf = body(
				send(admin("/api/admin/catalog/products?status=OFF_SHELF&categoryId=" + category).GET()));
		assertThat(offShelf.get("items")).hasSize(1);
		assertThat(offShelf.get("items").get(0).get("id").asString()).isEqualTo(hidden);
		assertThat(offShelf.get("items").get(0).get("status").asString()).isEqualTo("OFF_SHELF");

		HttpResponse<String> user = send(
				request("/api/admin/catalog/products").header("Authorization", "Bearer " + TestTokens.token("USER"))
					.GET());
		assertThat(user.statusCode()).isEqualTo(403);
	}

	@Test
	void aKeywordFindsChineseNamesBySubstring() throws Exception {
		String category = createCategory("饮料");
		String juice = createProduct(category, "鲜榨苹果汁 100%", 1200, 3, null);
		createProduct(category, "橙汁", 1100, 3, null);
		JsonNode page = body(get("/api/catalog/products?q=" + java.net.URLEncoder.encode("苹果", "UTF-8")));
		assertThat(page.get("items")).hasSize(1);
		assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(juice);
	}

	@Test
	void productDetailAndListAnswer304WhenTheEtagStillMatches() throws Exception {
		String id = createProduct(createCategory("Tagged"), "Tagged", 500, 1, null);
		for (String path : List.of("/api/catalog/products/" + id, "/api/catalog/products?size=5")) {
			HttpResponse<String> first = get(path);
			assertThat(first.statusCode()).isEqualTo(200);
			assertThat(first.headers().firstValue("Cache-Control"))
				.hasValueSatisfying((value) -> assertThat(value).contains("max-age=30").contains("public"));
			String etag = first.headers().firstValue("ETag").orElseThrow();
			HttpResponse<String> again = send(request(path).header("If-None-Match", etag).GET());
			assertThat(again.statusCode()).as(path).isEqualTo(304);
		}
	}

	@Test
	void adminCallsNeedAnAdminToken() throws Exception {
		String body = "{\"name\":\"Nope\"}";
		HttpResponse<String> anonymous = send(
				request("/api/admin/catalog/categories").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		HttpResponse<String> user = send(
				request("/api/admin/catalog/categories").header("Authorization", "Bearer " + TestTokens.token("USER"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(user.statusCode()).isEqualTo(403);
		assertThat(user.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		HttpResponse<String> wrongIssuer = send(request("/api/admin/catalog/categories")
			.header("Authorization", "Bearer " + TestTokens.tokenFrom("someone-else", "ADMIN"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(wrongIssuer.statusCode()).isEqualTo(401);
	}

	@Test
	void aProductForAnUnknownCategoryIs422WithTheField() throws Exception {
		HttpResponse<String> response = send(admin("/api/admin/catalog/products")
			.POST(HttpRequest.BodyPublishers.ofString(product("987654321", "Orphan", 100, 1, null))));
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(body(response).get("errors").get(0).get("field").asString()).isEqualTo("categoryId");
	}

	@Test
	void everyProductWriteLeavesProductChangedInTheOutbox() throws Exception {
		String category = createCategory("Evented");
		String id = createProduct(category, "Evented", 700, 2, null);
		send(admin("/api/admin/catalog/products/" + id)
			.PUT(HttpRequest.BodyPublishers.ofString(product(category, "Evented", 800, 2, null))));
		List<String> payloads = this.jdbc.queryForList(
				"SELECT payload FROM outbox WHERE topic = 'catalog.products.v1'"
						+ " AND event_type = 'catalog.ProductChanged.v1' AND subject = ? ORDER BY id",
				String.class, id);
		assertThat(payloads).hasSize(2);
		payloads.forEach((payload) -> EventSchemas.assertConforms("catalog.ProductChanged.v1", payload));
		JsonNode last = this.json.readTree(payloads.get(1));
		assertThat(last.get("id").asString()).isEqualTo(id);
		assertThat(last.get("name").asString()).isEqualTo("Evented");
		assertThat(last.get("priceFen").asLong()).isEqualTo(800);
		assertThat(last.get("status").asString()).isEqualTo("ON_SALE");
	}

	@Test
	void aProductOfSeveralSkusShowsEachAndTheCachedPageFollowsItsSkuChanges() throws Exception {
		String category = createCategory("Shirts");
		HttpResponse<String> created = send(
				admin("/api/admin/catalog/products").POST(HttpRequest.BodyPublishers.ofString("""
						{"name":"T恤","description":"棉","categoryId":"%s","skus":[
						  {"specs":{"颜色":"红","尺码":"L"},"priceFen":5900,"stock":3},
						  {"specs":{"颜色":"蓝","尺码":"L"},"priceFen":4900,"stock":2}]}""".formatted(category))));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = body(created).get("id").asString();
		JsonNode page = body(get("/api/catalog/products/" + id));
		assertThat(page.get("priceFen").asLong()).as("the lowest SKU price").isEqualTo(4900);
		assertThat(page.get("stock").asInt()).as("the sum").isEqualTo(5);
		assertThat(page.get("skus")).hasSize(2);
		assertThat(page.get("skus").get(0).get("specs").get("颜色").asString()).isEqualTo("红");
		assertThat(page.get("skus").get(0).get("specs").get("尺码").asString()).isEqualTo("L");
		String red = page.get("skus").get(0).get("id").asString();
		String blue = page.get("skus").get(1).get("id").asString();
		String etag = get("/api/catalog/products/" + id).headers().firstValue("ETag").orElseThrow();

		// red restocked and cheaper by id, blue kept by its specs, white added
		HttpResponse<String> replaced = send(admin("/api/admin/catalog/products/" + id).header("If-Match", etag)
			.PUT(HttpRequest.BodyPublishers.ofString("""
					{"name":"T恤","description":"棉","categoryId":"%s","skus":[
					  {"id":"%s","specs":{"颜色":"红","尺码":"L"},"priceFen":3900,"stock":10},
					  {"specs":{"颜色":"蓝","尺码":"L"},"priceFen":4900,"stock":2},
					  {"specs":{"颜色":"白","尺码":"L"},"priceFen":4500,"stock":1}]}""".formatted(category, red))));
		assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
		HttpResponse<String> read = get("/api/catalog/products/" + id);
		assertThat(read.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
		JsonNode after = body(read);
		assertThat(after.get("priceFen").asLong()).isEqualTo(3900);
		assertThat(after.get("stock").asInt()).isEqualTo(13);
		assertThat(after.get("skus")).extracting((sku) -> sku.get("id").asString()).startsWith(red, blue).hasSize(3);
		assertThat(body(get("/api/catalog/products?categoryId=" + category)).get("items").get(0).get("stock").asInt())
			.isEqualTo(13);

		// the old shape cannot say which of three SKUs it means
		HttpResponse<String> ambiguous = send(admin("/api/admin/catalog/products/" + id)
			.PUT(HttpRequest.BodyPublishers.ofString(product(category, "T恤", 100, 1, null))));
		assertThat(ambiguous.statusCode()).isEqualTo(422);
		assertThat(body(ambiguous).get("errors").get(0).get("field").asString()).isEqualTo("skus");

		List<String> payloads = this.jdbc.queryForList(
				"SELECT payload FROM outbox WHERE event_type = 'catalog.ProductChanged.v1' AND subject = ? ORDER BY id",
				String.class, id);
		payloads.forEach((payload) -> EventSchemas.assertConforms("catalog.ProductChanged.v1", payload));
		assertThat(this.json.readTree(payloads.getLast()).get("skus")).hasSize(3);
	}

	@Test
	void skusThatRepeatSpecsOrAreTooManyAre400NamingTheFields() throws Exception {
		String category = createCategory("Invalid SKUs");
		HttpResponse<String> repeated = send(admin("/api/admin/catalog/products")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"name":"x","categoryId":"%s","skus":[{"specs":{"颜色":"红"},"priceFen":100,"stock":1},
					  {"specs":{"颜色":"红"},"priceFen":200,"stock":1},{"specs":{"颜色":"蓝"},"priceFen":0,"stock":-1}]}"""
				.formatted(category))));
		assertThat(repeated.statusCode()).isEqualTo(400);
		assertThat(repeated.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(fields(repeated)).containsExactlyInAnyOrder("skus[2].priceFen", "skus[2].stock");
		HttpResponse<String> duplicate = send(
				admin("/api/admin/catalog/products").POST(HttpRequest.BodyPublishers.ofString("""
						{"name":"x","categoryId":"%s","skus":[{"specs":{"颜色":"红"},"priceFen":100,"stock":1},
						  {"specs":{"颜色":"红"},"priceFen":200,"stock":1}]}""".formatted(category))));
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(fields(duplicate)).containsExactly("skus[1].specs");

		String many = java.util.stream.IntStream.range(0, 51)
			.mapToObj((i) -> "{\"specs\":{\"号\":\"" + i + "\"},\"priceFen\":100,\"stock\":1}")
			.collect(java.util.stream.Collectors.joining(","));
		HttpResponse<String> tooMany = send(admin("/api/admin/catalog/products").POST(HttpRequest.BodyPublishers
			.ofString("{\"name\":\"x\",\"categoryId\":\"" + category + "\",\"skus\":[" + many + "]}")));
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(fields(tooMany)).containsExactly("skus");
	}

	private List<String> fields(HttpResponse<String> response) {
		List<String> fields = new ArrayList<>();
		body(response).get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		return fields;
	}

	private String createCategory(String name) throws Exception {
		HttpResponse<String> response = send(admin("/api/admin/catalog/categories")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return body(response).get("id").asString();
	}

	private String createProduct(String category, String name, long priceFen, int stock, String status)
			throws Exception {
		HttpResponse<String> response = send(admin("/api/admin/catalog/products")
			.POST(HttpRequest.BodyPublishers.ofString(product(category, name, priceFen, stock, status))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		String id = body(response).get("id").asString();
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/api/catalog/products/" + id));
		return id;
	}

	private static String product(String category, String name, long priceFen, int stock, String status) {
		return "{\"name\":\"" + name + "\",\"description\":\"d\",\"priceFen\":" + priceFen + ",\"stock\":" + stock
				+ ",\"categoryId\":\"" + category + "\",\"imageFileIds\":[\"f1\",\"f2\"]"
				+ ((status != null) ? ",\"status\":\"" + status + "\"" : "") + "}";
	}

	private HttpRequest.Builder admin(String path) {
		return request(path).header("Authorization", "Bearer " + TestTokens.token("ADMIN"))
			.header("Content-Type", "application/json");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(20));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(request(path).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode body(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

}
