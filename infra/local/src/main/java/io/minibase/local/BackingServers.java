package io.minibase.local;

import java.util.List;

import io.minibase.localservers.Kafka;
import io.minibase.localservers.LocalInfra;
import io.minibase.localservers.MariaDb;
import io.minibase.localservers.Redis;

/**
 * The stack's MariaDB, Redis and Kafka, found or started by {@link LocalInfra}, with a
 * pid file for each embedded one.
 */
final class BackingServers implements AutoCloseable {

	private final LocalInfra infra;

	private final ChildPids pids;

	private volatile List<ProcessHandle> children = List.of();

	/** Nothing is found or started yet: see {@link #findOrStart(StackSummary)}. */
	BackingServers(StackSettings settings, ChildPids pids) {
		this.infra = new LocalInfra(settings.dataDir(), settings.env(), settings.standardPortsForEmbedded());
		this.pids = pids;
	}

	/** Finds or starts each, saying where it came from. */
	void findOrStart(StackSummary summary) {
		summary.mariaDb(this.infra.mariaDb());
		summary.redis(this.infra.redis());
		summary.kafka(this.infra.kafka());
		// Embedded servers are this JVM's children too. ParentWatch ends the broker with
		// us; MariaDB and Redis are native processes that would outlive a launcher killed
		// with -9, so they get pid files like the applications.
		this.children = ProcessHandle.current().children().toList();
		this.children.forEach((child) -> this.pids.record("infra-" + child.pid(), child));
	}

	LocalInfra infra() {
		return this.infra;
	}

	MariaDb mariaDb() {
		return this.infra.mariaDb();
	}

	Redis redis() {
		return this.infra.redis();
	}

	Kafka kafka() {
		return this.infra.kafka();
	}

	/** Stops the embedded ones. */
	@Override
	public void close() {
		this.infra.close();
		this.children.forEach((child) -> this.pids.forget("infra-" + child.pid()));
	}

}
