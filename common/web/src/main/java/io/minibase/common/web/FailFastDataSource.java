package io.minibase.common.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A pool that says at once when the database is away. Hikari makes a caller wait up to
 * its connection timeout (10 s, chosen so that a crowd queues for a busy pool instead of
 * being refused) even when no connection can come because the database is down: every
 * request that needed it was a 503 after 10 s (ErrorWalkIT's MariaDB drill), and a crowd
 * would pile up behind them.
 * <p>
 * A pool with no connection at all, in use or idle, has lost the database: a healthy one
 * keeps its minimum (here all of its connections). Then one caller at a time asks Hikari
 * for a connection with a short wait ({@link #PROBE}): that is the probe that lets the
 * pool connect again when the database is back. Every other caller, and every caller for
 * {@link #QUIET} after a probe failed, gets a {@link SQLTransientConnectionException} at
 * once, answered 503 with {@code Retry-After} (ProblemDetailsAdvice). A busy pool still
 * queues its callers as before: it has connections, they are only in use.
 */
final class FailFastDataSource extends DelegatingDataSource {

	/** Long enough for a database that is back to take a connection, on a busy box. */
	static final Duration PROBE = Duration.ofSeconds(2);

	/** Between probes of a database that is away: the Retry-After a 503 gives. */
	static final Duration QUIET = Duration.ofSeconds(1);

	private final HikariDataSource pool;

	private final LongSupplier nanoTime;

	private final AtomicBoolean probing = new AtomicBoolean();

	private volatile long quietUntil;

	FailFastDataSource(HikariDataSource pool) {
		this(pool, System::nanoTime);
	}

	FailFastDataSource(HikariDataSource pool, LongSupplier nanoTime) {
		super(pool);
		this.pool = pool;
		this.nanoTime = nanoTime;
		this.quietUntil = nanoTime.getAsLong();
	}

	@Override
	public Connection getConnection() throws SQLException {
		HikariPoolMXBean state = this.pool.getHikariPoolMXBean();
		if (!(state instanceof HikariPool hikari) || state.getTotalConnections() > 0) {
			return super.getConnection();
		}
		if (this.nanoTime.getAsLong() - this.quietUntil < 0 || !this.probing.compareAndSet(false, true)) {
			throw new SQLTransientConnectionException("The pool has no connection to the database: it is away");
		}
		try {
			return hikari.getConnection(PROBE.toMillis());
		}
		catch (SQLException ex) {
			this.quietUntil = this.nanoTime.getAsLong() + QUIET.toNanos();
			throw ex;
		}
		finally {
			this.probing.set(false);
		}
	}

}
