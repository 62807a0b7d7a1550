package io.minibase.common.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets one instance of a service relay its outbox at a time: a MySQL/MariaDB named lock
 * ({@code GET_LOCK}) held on a connection of its own. If the holder dies, its connection
 * closes, the server frees the lock, and another instance takes over; while it lives,
 * events leave in commit order and none is sent twice.
 */
class RelayLease implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RelayLease.class);

	private final DataSource dataSource;

	private Connection connection;

	private String name;

	RelayLease(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Whether this instance holds the lease now, taking it when it is free. */
	synchronized boolean holdOrAcquire() {
		if (this.connection != null && stillHeld()) {
			return true;
		}
		release();
		try {
			Connection candidate = this.dataSource.getConnection();
			candidate.setAutoCommit(true);
			try (PreparedStatement statement = candidate.prepareStatement(
					"SELECT CONCAT(DATABASE(), '.outbox-relay'), GET_LOCK(CONCAT(DATABASE(), '.outbox-relay'), 0)");
					ResultSet result = statement.executeQuery()) {
				if (result.next() && result.getInt(2) == 1) {
					this.connection = candidate;
					this.name = result.getString(1);
					log.info("This instance now relays the outbox ({})", this.name);
					return true;
				}
			}
			candidate.close();
		}
		catch (SQLException ex) {
			log.debug("Could not take the outbox relay lease: {}", ex.getMessage());
		}
		return false;
	}

	private boolean stillHeld() {
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT IS_USED_LOCK(?) = CONNECTION_ID()")) {
			statement.setString(1, this.name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			log.warn("Lost the outbox relay lease: {}", ex.getMessage());
			return false;
		}
	}

	synchronized void release() {
		if (this.connection == null) {
			return;
		}
		try (PreparedStatement statement = this.connection.prepareStatement("DO RELEASE_LOCK(?)")) {
			statement.setString(1, this.name);
			statement.execute();
		}
		catch (SQLException ex) {
			// the connection is gone: so is the lock
		}
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// nothing left to release
		}
		this.connection = null;
	}

	@Override
	public void close() {
		release();
	}

}
