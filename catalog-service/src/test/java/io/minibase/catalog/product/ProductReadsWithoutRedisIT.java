package io.minibase.catalog.product;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.testsupport.UseLocalInfra;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis is only a cache: with it unreachable, product reads still answer from MySQL. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// nothing listens on port 1: every Redis call fails at once
		properties = { "REDIS_PORT=1", "minibase.tokens.jwk-set-uri=http://127.0.0.1:1/jwks" })
@UseLocalInfra(database = "catalog", kafka = true)
class ProductReadsWithoutRedisIT {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void productReadsAnswerFromMySqlWhenRedisIsUnreachable() throws Exception {
		this.jdbc.update("INSERT INTO category (name) VALUES ('No Redis')");
		Long category = this.jdbc.queryForObject("SELECT MAX(id) FROM category", Long.class);
		this.jdbc.update(
				"INSERT INTO product (category_id, name, price_fen, stock, image_file_ids) VALUES (?, ?, ?, ?, ?)",
				category, "Still here", 300, 3, "[]");
		Long id = this.jdbc.queryForObject("SELECT MAX(id) FROM product", Long.class);

		for (int i = 0; i < 5; i++) {
			HttpResponse<String> detail = get("/api/catalog/products/" + id);
			assertThat(detail.statusCode()).isEqualTo(200);
			assertThat(detail.body()).contains("\"name\":\"Still here\"");
		}
		assertThat(get("/api/catalog/products/999999999").statusCode()).isEqualTo(404);
		assertThat(get("/api/catalog/products?categoryId=" + category).body()).contains("Still here");
		HttpResponse<String> categories = get("/api/catalog/categories");
		assertThat(categories.statusCode()).isEqualTo(200);
		assertThat(categories.body()).contains("No Redis");
		assertThat(this.meters.counter("catalog.cache", "cache", "product", "result", "error").count()).isPositive();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
