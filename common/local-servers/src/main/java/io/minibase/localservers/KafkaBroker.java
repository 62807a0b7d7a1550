package io.minibase.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) from the
 * {@code kafka_2.13} artifact, in a child JVM that exits with its parent.
 */
final class KafkaBroker implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private volatile Process process;

	private final Path dir;

	private final String bootstrapServers;

	private final HeldPort controllerPort;

	private KafkaBroker(Process process, Path dir, String bootstrapServers, HeldPort controllerPort) {
		this.process = process;
		this.dir = dir;
		this.bootstrapServers = bootstrapServers;
		this.controllerPort = controllerPort;
	}

	/**
	 * @param port the broker's port, held by the caller until after {@link #close()}; the
	 * controller's port is held by the broker itself
	 */
	static KafkaBroker start(Path dir, int port) {
		HeldPort controllerPort = Ports.hold(0);
		try {
			Files.createDirectories(dir);
			Path config = dir.resolve("server.properties");
			Files.writeString(config, serverProperties(dir, port, controllerPort.port()));
			Path logConfig = dir.resolve("log4j2.properties");
			Files.writeString(logConfig, logProperties(dir));
			if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
				format(dir, config, logConfig);
			}
			// one run's output: restart() after a crash drill appends to it
			Files.deleteIfExists(dir.resolve("broker.out"));
			String bootstrap = "127.0.0.1:" + port;
			KafkaBroker broker = new KafkaBroker(launch(dir), dir, bootstrap, controllerPort);
			broker.awaitReady(dir);
			return broker;
		}
		catch (IOException ex) {
			controllerPort.close();
			throw new UncheckedIOException("Could not start a Kafka broker in " + dir, ex);
		}
		catch (RuntimeException ex) {
			controllerPort.close();
			throw ex;
		}
	}

	private static Process launch(Path dir) throws IOException {
		// the heap's live set is 30-40 MB once the log cleaner's buffer is sized below
		return java(dir, dir.resolve("log4j2.properties"), "-Xmx128m", "kafka.Kafka",
				dir.resolve("server.properties").toString())
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.out").toFile()))
			.start();
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Kills the broker as a crash would (SIGKILL: no controlled shutdown), for fault
	 * drills; its ports stay held, so {@link #restart()} gets them back.
	 */
	void crash() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Starts the broker again on its ports and data after {@link #crash()}. */
	void restart() {
		if (this.process.isAlive()) {
			throw new IllegalStateException("The broker is running: crash it first");
		}
		try {
			this.process = launch(this.dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the Kafka broker in " + this.dir + " again", ex);
		}
		awaitReady(this.dir);
	}

	private static void format(Path dir, Path config, Path logConfig) throws IOException {
		Process format = java(dir, logConfig, "-Xmx128m", "kafka.tools.StorageTool", "format", "--cluster-id",
				Uuid.randomUuid().toString(), "--config", config.toString(), "--ignore-formatted")
			.redirectOutput(dir.resolve("format.out").toFile())
			.start();
		try {
			// stdin stays open while it runs: ParentWatch ends the child when it closes
			if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
				format.destroyForcibly();
				throw new IllegalStateException("Formatting Kafka storage failed: " + tail(dir.resolve("format.out")));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while formatting Kafka storage", ex);
		}
	}

	private static ProcessBuilder java(Path dir, Path logConfig, String heap, String mainClass, String... args) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, "-XX:+UseSerialGC",
						"-Dlog4j2.configurationFile=" + logConfig.toUri(), "-cp", KafkaClassPath.resolve(),
						ParentWatch.class.getName(), mainClass));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		// as the local stack's services: two malloc arenas, not eight per core
		builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
		return builder;
	}

	private void awaitReady(Path dir) {
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000);
		try (Admin admin = Admin.create(config)) {
			Awaitility.await("the Kafka broker")
				.atMost(STARTUP)
				.pollInSameThread()
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("Kafka broker exited: " + tail(dir.resolve("broker.out")) + "\n"
								+ tail(dir.resolve("broker.log")));
					}
					return answers(admin);
				});
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException(
					"Kafka broker did not start within " + STARTUP + ": " + tail(dir.resolve("broker.log")));
		}
	}

	private static boolean answers(Admin admin) {
		try {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(3, TimeUnit.SECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (Exception notYet) {
			return false;
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		finally {
			this.controllerPort.close();
		}
	}

	private static String serverProperties(Path dir, int port, int controllerPort) {
		return String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + controllerPort,
				"listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
				"inter.broker.listener.name=PLAINTEXT",
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
				"log.dirs=" + dir.resolve("data").toAbsolutePath(), "num.partitions=3",
				// one broker: every internal topic has one replica
				"offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
				"transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1",
				"share.coordinator.state.topic.min.isr=1", "group.initial.rebalance.delay.ms=0",
				// topics are created by the services from their configuration, never by
				// accident
				"auto.create.topics.enable=false", "num.network.threads=2", "num.io.threads=2",
				"num.recovery.threads.per.data.dir=1", "log.retention.hours=168",
				// the log cleaner (compacting __consumer_offsets, the only compacted
				// topic) holds a 128 MB on-heap map by default: 152 MB of a 175 MB old
				// generation were byte arrays. 8 MB holds ~350,000 offset keys
				"log.cleaner.dedupe.buffer.size=8388608", "") + "\n";
	}

	private static String logProperties(Path dir) {
		return String.join("\n", "status = warn", "appender.file.type = File", "appender.file.name = file",
				"appender.file.fileName = " + dir.resolve("broker.log").toAbsolutePath(),
				"appender.file.layout.type = PatternLayout", "appender.file.layout.pattern = [%d] %p %m (%c)%n",
				"rootLogger.level = WARN", "rootLogger.appenderRef.file.ref = file", "logger.kafka.name = kafka",
				"logger.kafka.level = INFO", "") + "\n";
	}

	private static String tail(Path file) {
		try {
			List<String> lines = Files.readAllLines(file);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no " + file.getFileName() + ")";
		}
	}

}
