package io.minibase.common.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * While the database is away, one caller probes it (briefly) and the rest hear so at
 * once; when it is back, the pool connects again and callers wait for it as usual.
 */
class FailFastDataSourceTest {

	private final AtomicBoolean databaseUp = new AtomicBoolean(false);

	private final AtomicLong clock = new AtomicLong(1_000_000_000L);

	private final List<HikariDataSource> pools = new ArrayList<>();

	@AfterEach
	void close() {
		this.pools.forEach(HikariDataSource::close);
	}

	@Test
	void whileTheDatabaseIsAwayOneCallerProbesAndTheOthersAreToldAtOnce() {
		HikariDataSource pool = pool();
		FailFastDataSource failFast = new FailFastDataSource(pool, this.clock::get);
		// the probe: Hikari's own wait for a connection, cut short
		assertThatExceptionOfType(SQLException.class).isThrownBy(failFast::getConnection)
			.withMessageContaining("request timed out")
			.withMessageNotContaining("it is away");
		// within the quiet time after it: told at once, without asking Hikari
		assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(failFast::getConnection)
			.withMessageContaining("it is away");

		this.databaseUp.set(true);
		// later probes find it back (Hikari's connection adder backs off between tries),
		// and the pool refills
		await().atMost(Duration.ofSeconds(30))
			.ignoreException(SQLTransientConnectionException.class)
			.untilAsserted(() -> {
				this.clock.addAndGet(FailFastDataSource.QUIET.toNanos());
				try (Connection connection = failFast.getConnection()) {
					assertThat(connection).isNotNull();
				}
			});
		assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
	}

	@Test
	void aPoolWithConnectionsQueuesItsCallersAsHikariDoes() throws SQLException {
		this.databaseUp.set(true);
		HikariDataSource pool = pool();
		FailFastDataSource failFast = new FailFastDataSource(pool, this.clock::get);
		try (Connection first = failFast.getConnection()) {
			// the pool has a connection (in use): the next caller goes to Hikari's queue
			assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
			try (Connection second = failFast.getConnection()) {
				assertThat(second).isNotNull();
			}
		}
	}

	private HikariDataSource pool() {
		HikariConfig config = new HikariConfig();
		config.setDataSource(new AbstractDataSource() {

			@Override
			public Connection getConnection() throws SQLException {
				if (!FailFastDataSourceTest.this.databaseUp.get()) {
					throw new SQLException("Connection refused");
				}
				Connection connection = Mockito.mock(Connection.class);
				Mockito.when(connection.isValid(Mockito.anyInt())).thenReturn(true);
				return connection;
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return getConnection();
			}

		});
		config.setMaximumPoolSize(2);
		config.setConnectionTimeout(10_000);
		// start without the database, as a service whose database went away does
		config.setInitializationFailTimeout(-1);
		HikariDataSource pool = new HikariDataSource(config);
		this.pools.add(pool);
		return pool;
	}

}
