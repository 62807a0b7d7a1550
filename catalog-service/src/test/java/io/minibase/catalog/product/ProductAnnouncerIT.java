package io.minibase.catalog.product;

import java.util.List;

import io.minibase.testsupport.EventSchemas;
import io.minibase.testsupport.UseLocalInfra;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Products from before order-service's copy knew their SKUs are announced once each, with
 * their SKUs as they are now (V8). The same context as ProductImagesIT.
 */
@SpringBootTest(properties = { "minibase.events.relay.interval=50ms", "REDIS_TIMEOUT=3s", "REDIS_CONNECT_TIMEOUT=3s" })
@UseLocalInfra(database = "catalog", redis = true, kafka = true)
class ProductAnnouncerIT {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ProductAnnouncer announcer;

	@Test
	void aProductFromBeforeIsAnnouncedOnceWithItsSkus() {
		this.jdbc.update("INSERT INTO category (name) VALUES ('Announcer IT')");
		Long category = this.jdbc.queryForObject("SELECT MAX(id) FROM category", Long.class);
		// written as before any event: no outbox row, as the copy never heard of it
		this.jdbc.update(
				"INSERT INTO product (category_id, name, price_fen, stock, image_file_ids) VALUES (?, '旧茶', 800, 5, '[]')",
				category);
		long product = this.jdbc.queryForObject("SELECT MAX(id) FROM product", Long.class);
		this.jdbc.update("INSERT INTO sku (product_id, specs, price_fen, stock) VALUES (?, '{}', 800, 5)", product);
		long sku = this.jdbc.queryForObject("SELECT id FROM sku WHERE product_id = ?", Long.class, product);
		// as V8 lists the products there are
		this.jdbc.update("INSERT INTO product_announcement (product_id) VALUES (?)", product);

		assertThat(this.announcer.announce()).isPositive();
		assertThat(this.announcer.announce()).as("each once").isZero();

		List<String> announced = this.jdbc.queryForList(
				"SELECT payload FROM outbox WHERE event_type = ? AND subject = ?", String.class, ProductChanged.TYPE,
				String.valueOf(product));
		assertThat(announced).hasSize(1);
		EventSchemas.assertConforms(ProductChanged.TYPE, announced.get(0));
		JsonNode event = this.json.readTree(announced.get(0));
		assertThat(event.get("name").asString()).isEqualTo("旧茶");
		assertThat(event.get("skus")).hasSize(1);
		assertThat(event.get("skus").get(0).get("id").asString()).isEqualTo(String.valueOf(sku));
		assertThat(event.get("skus").get(0).get("priceFen").asLong()).isEqualTo(800);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM product_announcement WHERE announced_at IS NULL AND product_id = ?",
				Integer.class, product))
			.isZero();
	}

}
