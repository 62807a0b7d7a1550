package io.minibase.common.events;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Creates the backbone's own tables ({@code outbox}, {@code processed_event}) in the
 * service's schema, with a Flyway history of their own so their versions never collide
 * with the service's migrations. Runs after the service's own Flyway.
 */
class EventsSchema {

	EventsSchema(DataSource dataSource) {
		Flyway.configure()
			.dataSource(dataSource)
			.table("flyway_events_history")
			.locations("classpath:db/minibase-events")
			// the service's own tables are already there
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();
	}

}
