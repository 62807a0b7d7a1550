package io.minibase.file;

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

/** V4 on a schema with files from before it (ADR 17). */
class UnguessableIdsMigrationIT {

	@Test
	void filesFromBeforeGetRandomIdsAndKeepTheirNumberAsALegacyIdThatServesNothingYet() throws SQLException {
		MariaDb db = LocalInfra.forTests().mariaDb();
		String schema = TestSchemas.fresh(db, "files_migration");
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db.jdbcUrl(schema), db.user(),
				db.password(), true);
		try {
			flyway(dataSource, "3").migrate();
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			for (int i = 0; i < 3; i++) {
				jdbc.update("""
						INSERT INTO stored_file (owner_id, sha256, storage_key, content_type, size_bytes)
						VALUES (7, ?, 'k', 'image/png', 5)""", String.valueOf(i).repeat(64));
			}

			flyway(dataSource, "4").migrate();

			List<Map<String, Object>> rows = jdbc.queryForList(
					"SELECT id, public_id, legacy_id, legacy_referenced, visibility FROM stored_file ORDER BY id");
			assertThat(rows).hasSize(3).allSatisfy((row) -> {
				assertThat((String) row.get("public_id")).matches("[A-Za-z0-9_-]{22}");
				assertThat(row.get("legacy_id")).isEqualTo(row.get("id"));
				assertThat(row.get("legacy_referenced")).isEqualTo(false);
				assertThat(row.get("visibility")).isEqualTo("PUBLIC");
			});
			assertThat(rows.stream().map((row) -> row.get("public_id")).distinct()).hasSize(3);
			// ids that differ only in case are different ids
			String id = (String) rows.get(0).get("public_id");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stored_file WHERE public_id = ?", Integer.class,
					swapCase(id)))
				.isZero();
		}
		finally {
			dataSource.destroy();
		}
	}

	private static Flyway flyway(SingleConnectionDataSource dataSource, String target) {
		return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load();
	}

	private static String swapCase(String text) {
		StringBuilder swapped = new StringBuilder();
		text.chars()
			.forEach((c) -> swapped
				.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)));
		return swapped.toString();
	}

}
