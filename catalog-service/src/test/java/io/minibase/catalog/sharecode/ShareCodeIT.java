package io.minibase.catalog.sharecode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.imageio.ImageIO;

import io.minibase.testsupport.TestTokens;
import io.minibase.testsupport.UseLocalInfra;
import io.minibase.wechatstub.WeChatStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Share codes against the real schema and the WeChat stub: made once per product and
 * page, then served from the table; 404 for what is not on sale; 503 while WeChat is
 * down.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UseLocalInfra(database = "catalog", redis = true, kafka = true)
class ShareCodeIT {

	private static final WeChatStub wechat = WeChatStub.start(0, (line) -> {
	});

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("minibase.tokens.jwk-set-uri", TestTokens::jwksUri);
		registry.add("minibase.wechat.base-url", wechat::baseUrl);
	}

	@AfterAll
	static void stop() {
		wechat.close();
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void weChatIsBack() {
		wechat.busy(false);
	}

	@Test
	void aProductsCodeIsAskedOfWeChatOnceAndThenServedWithItsETag() throws Exception {
		long product = product("ON_SALE");
		int before = wechat.shareCodes();

		HttpResponse<byte[]> first = get(product, null);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(ImageIO.read(new ByteArrayInputStream(first.body()))).isNotNull();
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=604800, public");

		HttpResponse<byte[]> again = get(product, null);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.headers().firstValue("ETag")).hasValue(etag);
		assertThat(get(product, etag).statusCode()).isEqualTo(304);
		assertThat(wechat.shareCodes()).isEqualTo(before + 1);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM product_share_code WHERE product_id = ? AND page = 'pages/product/detail'",
				Integer.class, product))
			.isEqualTo(1);
	}

	@Test
	void anOffShelfOrUnknownProductHasNoCode() throws Exception {
		long offShelf = product("OFF_SHELF");
		assertThat(get(offShelf, null).statusCode()).isEqualTo(404);
		assertThat(get(987654321L, null).statusCode()).isEqualTo(404);
		HttpResponse<byte[]> notAnId = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/catalog/products/abc/share-code"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(notAnId.statusCode()).isEqualTo(404);
		assertThat(notAnId.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void whileWeChatIsDownAFirstCodeIs503AndAStoredOneIsStillServed() throws Exception {
		long stored = product("ON_SALE");
		assertThat(get(stored, null).statusCode()).isEqualTo(200);
		long fresh = product("ON_SALE");
		wechat.busy(true);

		HttpResponse<byte[]> down = get(fresh, null);
		assertThat(down.statusCode()).isEqualTo(503);
		assertThat(down.headers().firstValue("Retry-After")).isPresent();
		assertThat(get(stored, null).statusCode()).isEqualTo(200);
	}

	private long product(String status) {
		this.jdbc.update("INSERT INTO category (name) VALUES ('share codes')");
		long category = this.jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
		this.jdbc.update("""
				INSERT INTO product (category_id, name, description, price_fen, stock, status, image_file_ids)
				VALUES (?, 'tea', '', 100, 1, ?, '[]')""", category, status);
		return this.jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
	}

	private HttpResponse<byte[]> get(long product, String ifNoneMatch) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(
					URI.create("http://127.0.0.1:" + this.port + "/api/catalog/products/" + product + "/share-code"))
			.timeout(Duration.ofSeconds(20));
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
