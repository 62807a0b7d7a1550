package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.minibase.file.stored.FileId;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Files get ids nobody can guess (ADR 17), and a visibility. In Java because the new ids
 * come from the same {@link java.security.SecureRandom} as every later one
 * ({@link FileId#random()}), not from SQL.
 *
 * <ul>
 * <li>{@code public_id}: 128 random bits, base64url (22 characters), compared
 * case-sensitively ({@code ascii_bin}: {@code a} and {@code A} are different ids).
 * <li>{@code legacy_id}: the number every existing file was served under. Its old URL
 * answers only once {@code legacy_referenced} is set, which catalog-service's
 * {@code catalog.LegacyImagesReferenced.v1} does for the files its products referenced
 * when this migration ran; every other number is 404.
 * <li>{@code visibility}: {@code PUBLIC} (existing files) or {@code PRIVATE}; the same
 * bytes uploaded once public and once private are two files.
 * </ul>
 */
public class V4__UnguessableFileIds extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("""
					ALTER TABLE stored_file
					  ADD COLUMN public_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER id,
					  ADD COLUMN visibility VARCHAR(8) NOT NULL DEFAULT 'PUBLIC' AFTER owner_id,
					  ADD COLUMN legacy_id BIGINT NULL,
					  ADD COLUMN legacy_referenced BOOLEAN NOT NULL DEFAULT FALSE""");
			statement.execute("UPDATE stored_file SET legacy_id = id");
		}
		List<Long> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet ids = statement.executeQuery("SELECT id FROM stored_file WHERE public_id IS NULL")) {
			while (ids.next()) {
				rows.add(ids.getLong(1));
			}
		}
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE stored_file SET public_id = ? WHERE id = ?")) {
			int batched = 0;
			for (long row : rows) {
				update.setString(1, FileId.random().value());
				update.setLong(2, row);
				update.addBatch();
				if (++batched % 500 == 0) {
					update.executeBatch();
				}
			}
			update.executeBatch();
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("""
					ALTER TABLE stored_file
					  MODIFY COLUMN public_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
					  ADD UNIQUE KEY uk_stored_file_public_id (public_id),
					  ADD UNIQUE KEY uk_stored_file_legacy_id (legacy_id),
					  DROP KEY uk_stored_file_owner_sha256,
					  ADD UNIQUE KEY uk_stored_file_owner_sha256 (owner_id, sha256, visibility)""");
		}
	}

}
