package io.minibase.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A reachable MySQL-compatible server and the account to use on it. */
public record MariaDb(String host, int port, String user, String password, Origin origin) {

	/** A JDBC URL for one schema, created on first connection if it does not exist. */
	public String jdbcUrl(String schema) {
		return "jdbc:mariadb://" + this.host + ":" + this.port + "/" + schema + "?createDatabaseIfNotExist=true";
	}

	/**
	 * A new, empty schema of this name in the test run's namespace, dropped first if an
	 * earlier run left it: for a test that migrates a schema of its own, step by step.
	 * @return the schema's name
	 */
	public String freshSchema(String name) throws SQLException {
		String schema = name + TestNamespace.current().schemaSuffix("_it");
		try (Connection admin = DriverManager.getConnection(jdbcUrl("mysql"), this.user, this.password);
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS `" + schema + "`");
			statement.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		}
		return schema;
	}

	@Override
	public String toString() {
		return "MariaDb[" + this.user + "@" + this.host + ":" + this.port + ", " + this.origin + "]";
	}

}
