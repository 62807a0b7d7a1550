package io.minibase.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/**
 * A real Redis server from the embedded-redis artifact, persisting to a folder; a drill
 * may stop it and start it again on the same port and data.
 */
final class EmbeddedRedis implements AutoCloseable {

	private final RedisServer server;

	private EmbeddedRedis(RedisServer server) {
		this.server = server;
	}

	static EmbeddedRedis start(Path dir, int port) {
		try {
			Files.createDirectories(dir);
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("dir " + dir.toAbsolutePath())
				.setting("appendonly yes")
				.setting("maxmemory 128mb")
				.setting("maxmemory-policy allkeys-lru")
				.build();
			server.start();
			return new EmbeddedRedis(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded Redis on port " + port, ex);
		}
	}

	/** Starts it again after {@link #stop()}, on the same port and data. */
	void restart() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded Redis again", ex);
		}
	}

	/** Stops it, as an outage would; {@link #restart()} brings it back. */
	void stop() {
		close();
	}

	@Override
	public void close() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop embedded Redis", ex);
		}
	}

}
