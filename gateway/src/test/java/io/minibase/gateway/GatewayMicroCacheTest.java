package io.minibase.gateway;

import java.time.Duration;
import java.util.Map;

import io.minibase.gateway.cache.MicroCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The micro-cache on the catalog route, in front of a stand-in catalog-service that marks
 * its product pages {@code public, max-age=30} as catalog-service does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "GATEWAY_RATE_PER_SECOND=1000", "GATEWAY_RATE_BURST=1000" })
@AutoConfigureWebTestClient
class GatewayMicroCacheTest {

	private static final String PRODUCT = "{\"id\":\"7\",\"name\":\"tea\"}";

	private static final StubService auth = StubService.startOnFreePort();

	private static final StubService catalog = StubService.startOnFreePort();

	private static final TestTokens tokens = TestTokens.generate("test-key-1");

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		StubService.routeTo(registry, auth, catalog);
	}

	@Autowired
	private MicroCache cache;

	@BeforeEach
	void catalogMarksItsPagesShareable() {
		StubService.upWithJwks(auth, catalog, tokens);
		answer("public, max-age=30", Map.of());
		this.cache.invalidateAll();
	}

	@AfterAll
	static void stop() {
		auth.stop();
		catalog.stop();
	}

	@Test
	void aCrowdReadingOneProductReachesTheServiceOnceAndEachGetsItsOwnTraceId() {
		EntityExchangeResult<String> first = read("/api/catalog/products/7").expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		EntityExchangeResult<String> second = read("/api/catalog/products/7").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Cache-Status", "minibase-gateway; hit")
			.expectBody(String.class)
			.returnResult();
		read("/api/catalog/products/7").expectStatus().isOk();

		assertThat(catalog.received()).hasSize(1);
		assertThat(second.getResponseBody()).isEqualTo(PRODUCT).isEqualTo(first.getResponseBody());
		HttpHeaders cached = second.getResponseHeaders();
		assertThat(cached.getETag()).isEqualTo("\"7-3\"");
		assertThat(cached.getCacheControl()).isEqualTo("public, max-age=30");
		assertThat(cached.getContentType()).hasToString("application/json");
		assertThat(cached.getContentLength()).isEqualTo(PRODUCT.length());
		assertThat(cached.getFirst("Age")).isNotNull();
		assertThat(cached.getFirst("X-Trace-Id")).matches("[0-9a-f]{32}")
			.isNotEqualTo(first.getResponseHeaders().getFirst("X-Trace-Id"));
		assertThat(first.getResponseHeaders().getFirst("Cache-Status")).isEqualTo("minibase-gateway; fwd=miss");
	}

	@Test
	void anAnswerStreamedWithoutALengthIsKeptToo() {
		answer("public, max-age=30", Map.of(StubService.CHUNKED, "true"));

		read("/api/catalog/products/7").expectStatus().isOk().expectBody(String.class).isEqualTo(PRODUCT);
		read("/api/catalog/products/7").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Cache-Status", "minibase-gateway; hit")
			.expectHeader()
			.contentLength(PRODUCT.length())
			.expectBody(String.class)
			.isEqualTo(PRODUCT);
		assertThat(catalog.received()).hasSize(1);
	}

	@Test
	void aKeptAnswerIsServedForItsTtlOnlyAndOtherQueriesAreOtherAnswers() {
		read("/api/catalog/products/7").expectStatus().isOk();
		read("/api/catalog/products?categoryId=1").expectStatus().isOk();
		read("/api/catalog/products?categoryId=2").expectStatus().isOk();
		assertThat(catalog.received()).hasSize(3);

		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			read("/api/catalog/products/7").expectStatus().isOk();
			assertThat(catalog.received()).hasSizeGreaterThan(3);
		});
	}

	@Test
	void aClientAskingForTheOriginGetsIt() {
		read("/api/catalog/products/7").expectStatus().isOk();

		this.client.get()
			.uri("/api/catalog/products/7")
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Cache-Status", "minibase-gateway; fwd=request");
		assertThat(catalog.received()).hasSize(2);
	}

	@Test
	void anAnswerTheServiceDidNotMarkShareableIsNeverKept() {
		for (String cacheControl : new String[] { "private, max-age=30", "no-store", "max-age=30", "public, max-age=0",
				"public, no-cache" }) {
			catalog.reset();
			answer(cacheControl, Map.of());
			read("/api/catalog/products/7").expectStatus().isOk();
			read("/api/catalog/products/7").expectStatus().isOk();
			assertThat(catalog.received()).as(cacheControl).hasSize(2);
		}
		catalog.reset();
		answer("public, max-age=30", Map.of("Set-Cookie", "session=1"));
		read("/api/catalog/products/7").expectStatus().isOk();
		read("/api/catalog/products/7").expectStatus().isOk();
		assertThat(catalog.received()).as("Set-Cookie").hasSize(2);
		catalog.reset();
		catalog.answer(new StubService.Answer(404, "application/problem+json", "{}",
				Map.of("Cache-Control", "public, max-age=30")));
		read("/api/catalog/products/8").expectStatus().isNotFound();
		read("/api/catalog/products/8").expectStatus().isNotFound();
		assertThat(catalog.received()).as("404").hasSize(2);
	}

	@Test
	void aWriteThroughThisGatewayIsSeenByTheNextRead() {
		read("/api/catalog/products/7").expectStatus().isOk();
		read("/api/catalog/products/7").expectStatus().isOk();
		assertThat(catalog.received()).hasSize(1);

		this.client.put()
			.uri("/api/admin/catalog/products/7")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.admin("1"))
			.bodyValue("{\"name\":\"green tea\"}")
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.exchange()
			.expectStatus()
			.isOk();
		read("/api/catalog/products/7").expectStatus().isOk();

		assertThat(catalog.received()).extracting(StubService.Received::method).containsExactly("GET", "PUT", "GET");
	}

	@Test
	void aClientThatHasTheAnswerGets304FromTheCache() {
		read("/api/catalog/products/7").expectStatus().isOk();

		this.client.get()
			.uri("/api/catalog/products/7")
			.header(HttpHeaders.IF_NONE_MATCH, "\"7-3\"")
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"7-3\"")
			.expectBody()
			.isEmpty();
		this.client.get()
			.uri("/api/catalog/products/7")
			.header(HttpHeaders.IF_NONE_MATCH, "\"7-2\"")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(catalog.received()).hasSize(1);
	}

	private WebTestClient.ResponseSpec read(String uri) {
		return this.client.get().uri(uri).exchange();
	}

	private static void answer(String cacheControl, Map<String, String> more) {
		Map<String, String> headers = new java.util.HashMap<>(more);
		headers.put("Cache-Control", cacheControl);
		headers.put("ETag", "\"7-3\"");
		catalog.answer(new StubService.Answer(200, "application/json", PRODUCT, headers));
	}

}
