package io.minibase.localservers;

/** A reachable MySQL-compatible server and the account to use on it. */
public record MariaDb(String host, int port, String user, String password, Origin origin) {

	/** A JDBC URL for one schema, created on first connection if it does not exist. */
	public String jdbcUrl(String schema) {
		return "jdbc:mariadb://" + this.host + ":" + this.port + "/" + schema + "?createDatabaseIfNotExist=true";
	}

	@Override
	public String toString() {
		return "MariaDb[" + this.user + "@" + this.host + ":" + this.port + ", " + this.origin + "]";
	}

}
