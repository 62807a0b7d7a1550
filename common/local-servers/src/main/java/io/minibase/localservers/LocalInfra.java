package io.minibase.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds MySQL/MariaDB, Redis and Kafka the same way for the local stack and for every
 * integration test: first from environment variables, then on their standard ports on
 * this machine, and otherwise starts a real embedded one from its Maven artifact, with
 * its data under one folder.
 *
 * <p>
 * Environment: {@code DB_HOST}, {@code DB_PORT}, {@code DB_USER}, {@code DB_PASSWORD};
 * {@code REDIS_HOST}, {@code REDIS_PORT}; {@code KAFKA_BOOTSTRAP_SERVERS};
 * {@code MINIBASE_EMBEDDED} (a list of {@code mariadb}, {@code redis}, {@code kafka} or
 * {@code all}) starts embedded ones even where a server is found.
 */
public final class LocalInfra implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalInfra.class);

	private static LocalInfra forTests;

	private final Path dataDir;

	private final Map<String, String> env;

	private final Set<String> embedded;

	private final boolean standardPortsForEmbedded;

	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	private MariaDb mariaDb;

	private Redis redis;

	private Kafka kafka;

	/** The broker this instance started, if it did. */
	private EmbeddedRedis embeddedRedis;

	private KafkaBroker broker;

	/**
	 * @param dataDir where embedded servers keep their data ({@code mariadb/},
	 * {@code redis/}, {@code kafka/})
	 * @param env the environment to read
	 * @param standardPortsForEmbedded whether embedded servers take the standard ports
	 * when free (the local stack, so that clients need no configuration) rather than
	 * random ones (tests, so that runs never collide); tests also never take a Kafka
	 * found on its standard port, which is a developer's stack
	 */
	public LocalInfra(Path dataDir, Map<String, String> env, boolean standardPortsForEmbedded) {
		this.dataDir = dataDir.toAbsolutePath();
		this.env = env;
		this.embedded = parseEmbedded(env.getOrDefault("MINIBASE_EMBEDDED", ""));
		this.standardPortsForEmbedded = standardPortsForEmbedded;
	}

	/**
	 * The one instance of a test JVM: embedded servers get random ports and a throwaway
	 * folder, and stop when the JVM exits.
	 */
	public static synchronized LocalInfra forTests() {
		if (forTests == null) {
			try {
				Path dir = Files.createTempDirectory("minibase-it-");
				forTests = new LocalInfra(dir, System.getenv(), false);
				Runtime.getRuntime().addShutdownHook(new Thread(forTests::close, "local-infra-stop"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return forTests;
	}

	/** The MySQL-compatible server, found or started. */
	public synchronized MariaDb mariaDb() {
		if (this.mariaDb == null) {
			this.mariaDb = findOrStartMariaDb();
			log.info("MySQL/MariaDB: {}", this.mariaDb);
		}
		return this.mariaDb;
	}

	/** The Redis server, found or started. */
	public synchronized Redis redis() {
		if (this.redis == null) {
			this.redis = findOrStartRedis();
			log.info("Redis: {}", this.redis);
		}
		return this.redis;
	}

	/** The Kafka cluster, found or started. */
	public synchronized Kafka kafka() {
		if (this.kafka == null) {
			this.kafka = findOrStartKafka();
			log.info("Kafka: {}", this.kafka);
		}
		return this.kafka;
	}

	private MariaDb findOrStartMariaDb() {
		String user = this.env.getOrDefault("DB_USER", "root");
		String password = this.env.getOrDefault("DB_PASSWORD", "");
		if (!this.embedded.contains("mariadb")) {
			if (this.env.containsKey("DB_HOST")) {
				return new MariaDb(this.env.get("DB_HOST"), Integer.parseInt(this.env.getOrDefault("DB_PORT", "3306")),
						user, password, Origin.ENVIRONMENT);
			}
			if (Ports.isOpen("127.0.0.1", 3306)) {
				return new MariaDb("127.0.0.1", 3306, user, password, Origin.STANDARD_PORT);
			}
		}
		int port = port(3306);
		this.started.push(EmbeddedMariaDb.start(this.dataDir.resolve("mariadb"), port));
		return new MariaDb("127.0.0.1", port, "root", "", Origin.EMBEDDED);
	}

	private Redis findOrStartRedis() {
		if (!this.embedded.contains("redis")) {
			if (this.env.containsKey("REDIS_HOST")) {
				return new Redis(this.env.get("REDIS_HOST"),
						Integer.parseInt(this.env.getOrDefault("REDIS_PORT", "6379")), Origin.ENVIRONMENT);
			}
			if (Ports.isOpen("127.0.0.1", 6379)) {
				return new Redis("127.0.0.1", 6379, Origin.STANDARD_PORT);
			}
		}
		int port = port(6379);
		this.embeddedRedis = EmbeddedRedis.start(this.dataDir.resolve("redis"), port);
		this.started.push(this.embeddedRedis);
		return new Redis("127.0.0.1", port, Origin.EMBEDDED);
	}

	private Kafka findOrStartKafka() {
		if (!this.embedded.contains("kafka")) {
			if (this.env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
				return new Kafka(this.env.get("KAFKA_BOOTSTRAP_SERVERS"), Origin.ENVIRONMENT);
			}
			// A broker on the standard port is a developer's running stack: its services
			// would consume a test's events (same topics, same consumer groups), so a
			// test's infra starts its own unless KAFKA_BOOTSTRAP_SERVERS names one.
			if (this.standardPortsForEmbedded && Ports.isOpen("127.0.0.1", 9092)) {
				return new Kafka("127.0.0.1:9092", Origin.STANDARD_PORT);
			}
		}
		this.broker = KafkaBroker.start(this.dataDir.resolve("kafka"), port(9092));
		this.started.push(this.broker);
		return new Kafka(this.broker.bootstrapServers(), Origin.EMBEDDED);
	}

	/**
	 * For fault drills: kills the embedded broker as a crash would (SIGKILL), and returns
	 * once it is gone; {@link #restartKafka()} starts it again on the same port and data.
	 * @throws IllegalStateException when this instance did not start the broker
	 */
	public synchronized void crashKafka() {
		embeddedBroker().crash();
	}

	/** Starts the broker {@link #crashKafka()} killed, returning once it answers. */
	public synchronized void restartKafka() {
		embeddedBroker().restart();
	}

	/**
	 * For fault drills: stops the embedded Redis, as an outage would, and returns once it
	 * is gone; {@link #startRedis()} starts it again on the same port and data.
	 * @throws IllegalStateException when this instance did not start Redis
	 */
	public synchronized void stopRedis() {
		embeddedRedis().stop();
	}

	/** Starts the Redis {@link #stopRedis()} stopped, returning once it answers. */
	public synchronized void startRedis() {
		embeddedRedis().restart();
	}

	private EmbeddedRedis embeddedRedis() {
		if (this.embeddedRedis == null) {
			throw new IllegalStateException("Redis was not started here (" + this.redis + "): nothing to stop");
		}
		return this.embeddedRedis;
	}

	/** Whether this instance started the Kafka broker (so a drill may kill it). */
	public synchronized boolean startedKafka() {
		return this.broker != null;
	}

	private KafkaBroker embeddedBroker() {
		if (this.broker == null) {
			throw new IllegalStateException("Kafka was not started here (" + this.kafka + "): nothing to crash");
		}
		return this.broker;
	}

	/**
	 * A port for an embedded server, held until the server has stopped (see
	 * {@link HeldPort}): the standard one when free for the local stack, any for tests.
	 */
	private int port(int standard) {
		HeldPort port = this.standardPortsForEmbedded ? Ports.holdPreferred(standard) : Ports.hold(0);
		// closed after the server it is for (newest first)
		this.started.push(port);
		return port.port();
	}

	/** Stops every server this instance started, newest first. */
	@Override
	public synchronized void close() {
		while (!this.started.isEmpty()) {
			AutoCloseable server = this.started.pop();
			try {
				server.close();
			}
			catch (Exception ex) {
				log.warn("Could not stop {}", server, ex);
			}
		}
	}

	private static Set<String> parseEmbedded(String value) {
		Set<String> names = Arrays.stream(value.toLowerCase(Locale.ROOT).split("[,\\s]+"))
			.filter((name) -> !name.isBlank())
			.collect(Collectors.toSet());
		return names.contains("all") ? Set.of("mariadb", "redis", "kafka") : names;
	}

}
