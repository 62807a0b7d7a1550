package io.minibase.catalog.product;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.minibase.localservers.LocalInfra;
import io.minibase.localservers.MariaDb;
import io.minibase.testsupport.TestSchemas;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5 (ADR 13) on a schema with products and reservations from before SKUs: each product
 * becomes its one SKU without specifications, with its price and stock, and each
 * reservation is of that SKU; the CLOSED marker keeps product 0 and gets SKU 0. Then the
 * later migrations run over the result.
 */
class SkusMigrationIT {

	@Test
	void productsFromBeforeSkusAreEachTheirOneSkuAndTheirReservationsAreOfIt() throws SQLException {
		MariaDb db = LocalInfra.forTests().mariaDb();
		String schema = TestSchemas.fresh(db, "catalog_migration");
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db.jdbcUrl(schema), db.user(),
				db.password(), true);
		try {
			flyway(dataSource, "4").migrate();
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.update("INSERT INTO category (id, name) VALUES (1, '茶')");
			jdbc.update("""
					INSERT INTO product (id, category_id, name, price_fen, stock, status, image_file_ids)
					VALUES (10, 1, '龙井', 990, 7, 'ON_SALE', '[]'), (11, 1, '普洱', 2500, 0, 'OFF_SHELF', '["3"]')""");
			jdbc.update("""
					INSERT INTO stock_reservation (order_id, product_id, quantity, price_fen, status)
					VALUES ('41', 10, 2, 990, 'RESERVED'), ('42', 11, 1, 2500, 'SOLD'), ('43', 0, 0, 0, 'CLOSED')""");

			flyway(dataSource, "5").migrate();

			List<Map<String, Object>> skus = jdbc
				.queryForList("SELECT id, product_id, specs, price_fen, stock FROM sku ORDER BY product_id");
			assertThat(skus).hasSize(2);
			assertThat(skus).extracting((sku) -> sku.get("product_id")).containsExactly(10L, 11L);
			assertThat(skus).extracting((sku) -> sku.get("specs")).containsOnly("{}");
			assertThat(skus).extracting((sku) -> sku.get("price_fen")).containsExactly(990L, 2500L);
			assertThat(skus).extracting((sku) -> sku.get("stock")).containsExactly(7, 0);
			Map<Long, Long> skuOf = Map.of(10L, (Long) skus.get(0).get("id"), 11L, (Long) skus.get(1).get("id"));
			List<Map<String, Object>> reservations = jdbc
				.queryForList("SELECT order_id, product_id, sku_id, quantity, status FROM stock_reservation"
						+ " ORDER BY order_id");
			assertThat(reservations).hasSize(3);
			assertThat(reservations.get(0)).containsEntry("order_id", "41")
				.containsEntry("sku_id", skuOf.get(10L))
				.containsEntry("quantity", 2)
				.containsEntry("status", "RESERVED");
			assertThat(reservations.get(1)).containsEntry("sku_id", skuOf.get(11L)).containsEntry("status", "SOLD");
			assertThat(reservations.get(2)).containsEntry("product_id", 0L)
				.containsEntry("sku_id", 0L)
				.containsEntry("status", "CLOSED");
			// one row per order and SKU now
			assertThat(jdbc.queryForList("""
					SELECT column_name FROM information_schema.key_column_usage
					WHERE table_schema = DATABASE() AND table_name = 'stock_reservation' AND constraint_name = 'PRIMARY'
					ORDER BY ordinal_position""", String.class)).containsExactly("order_id", "sku_id");

			flyway(dataSource, null).migrate();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sku", Integer.class)).isEqualTo(2);
			assertThat(jdbc.queryForObject("SELECT status FROM stock_reservation WHERE order_id = '42'", String.class))
				.isEqualTo("SOLD");
		}
		finally {
			dataSource.destroy();
		}
	}

	private static Flyway flyway(SingleConnectionDataSource dataSource, String target) {
		var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
		return ((target != null) ? configuration.target(target) : configuration).load();
	}

}
