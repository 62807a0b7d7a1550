package io.minibase.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.minibase.localservers.MariaDb;

/** Empty schemas for integration tests, in the test run's {@link TestNamespace}. */
public final class TestSchemas {

	private TestSchemas() {
	}

	/**
	 * A new, empty schema of this name in the test run's namespace, dropped first if an
	 * earlier run left it: for a test that migrates a schema of its own, step by step.
	 * @return the schema's name
	 */
	public static String fresh(MariaDb db, String name) throws SQLException {
		String schema = name + TestNamespace.current().schemaSuffix("_it");
		recreate(db, schema);
		return schema;
	}

	/** Drops the schema if it exists and creates it again, empty. */
	static void recreate(MariaDb db, String schema) throws SQLException {
		try (Connection admin = DriverManager.getConnection(db.jdbcUrl("mysql"), db.user(), db.password());
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS `" + schema + "`");
			statement.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		}
	}

}
