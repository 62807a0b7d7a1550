package io.minibase.catalog.product;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.minibase.common.events.Outbox;
import io.minibase.testsupport.EventSchemas;
import io.minibase.testsupport.UseLocalInfra;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What products show of file-service's files: a rejected image leaves them, and the
 * products that showed files by their old numbers tell file-service so, once (ADR 17).
 * The same context as StockReservationIT.
 */
@SpringBootTest(properties = { "minibase.events.relay.interval=50ms", "REDIS_TIMEOUT=3s", "REDIS_CONNECT_TIMEOUT=3s" })
@UseLocalInfra(database = "catalog", redis = true, kafka = true)
class ProductImagesIT {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ProductService products;

	@Autowired
	LegacyImageAnnouncer announcer;

	@Autowired
	ProductImages images;

	@Test
	void anImageTheMediaCheckRejectedLeavesEveryProductShowingItOnce() {
		String rejected = "RejectedImage_12345678";
		String kept = "KeptImage-123456789012";
		long both = product("[\"" + kept + "\",\"" + rejected + "\"]");
		long other = product("[\"" + kept + "\"]");
		long versionBefore = version(both);
		String event = """
				{"fileId":"%s","ownerId":"7","url":"/api/files/%s","verdict":"REJECTED","reviewedAt":"2026-11-22T10:00:00Z"}"""
			.formatted(rejected, rejected);
		EventSchemas.assertConforms(FileEventConsumer.REVIEWED, event);
		String eventId = this.transactions.execute((tx) -> this.outbox.append(FileEventConsumer.TOPIC,
				FileEventConsumer.REVIEWED, rejected, this.json.readTree(event)));

		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> images(both).equals("[\"" + kept + "\"]"));
		assertThat(this.products.find(String.valueOf(both)).imageFileIds()).isEqualTo("[\"" + kept + "\"]");
		assertThat(version(both)).isEqualTo(versionBefore + 1);
		assertThat(images(other)).isEqualTo("[\"" + kept + "\"]");
		List<Map<String, Object>> changed = this.jdbc.queryForList(
				"SELECT payload FROM outbox WHERE event_type = 'catalog.ProductChanged.v1' AND subject = ?",
				String.valueOf(both));
		assertThat(changed).hasSize(1);

		// the same event delivered again (a relay that crashed before marking it sent),
		// after an admin showed the file again: applied once only
		this.jdbc.update("UPDATE product SET image_file_ids = ? WHERE id = ?", "[\"" + rejected + "\"]", other);
		this.images.dropRejected(eventId, rejected);
		assertThat(images(other)).isEqualTo("[\"" + rejected + "\"]");
	}

	@Test
	void productsThatShowedOldNumericIdsAreToldToFileServiceOnceEach() {
		long old = product("[\"41\",\"AnewRandomId_123456789\",\"42\"]");
		long none = product("[\"AnotherRandomId_123456\"]");
		// as V4 lists them on a schema with products from before
		this.jdbc.update("INSERT INTO legacy_image_reference (product_id, image_file_ids) VALUES (?, ?), (?, ?)", old,
				images(old), none, images(none));

		this.announcer.announce();
		this.announcer.announce();

		List<String> told = this.jdbc.queryForList("SELECT payload FROM outbox WHERE event_type = ? AND subject = ?",
				String.class, LegacyImageAnnouncer.TYPE, String.valueOf(old));
		assertThat(told).hasSize(1);
		EventSchemas.assertConforms(LegacyImageAnnouncer.TYPE, told.get(0));
		assertThat(this.json.readTree(told.get(0)).get("fileIds").toString()).isEqualTo("[\"41\",\"42\"]");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE event_type = ? AND subject = ?",
				Integer.class, LegacyImageAnnouncer.TYPE, String.valueOf(none)))
			.as("nothing numeric to keep")
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM legacy_image_reference WHERE announced_at IS NULL AND product_id IN (?, ?)",
				Integer.class, old, none))
			.isZero();
	}

	private long product(String images) {
		this.jdbc.update("INSERT INTO category (name) VALUES ('Images IT')");
		Long category = this.jdbc.queryForObject("SELECT MAX(id) FROM category", Long.class);
		this.jdbc.update(
				"INSERT INTO product (category_id, name, price_fen, stock, image_file_ids) VALUES (?, 'Pictured', 100, 1, ?)",
				category, images);
		return this.jdbc.queryForObject("SELECT MAX(id) FROM product", Long.class);
	}

	private String images(long product) {
		return this.jdbc.queryForObject("SELECT image_file_ids FROM product WHERE id = ?", String.class, product);
	}

	private long version(long product) {
		return this.jdbc.queryForObject("SELECT version FROM product WHERE id = ?", Long.class, product);
	}

}
