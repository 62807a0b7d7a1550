package io.minibase.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.minibase.testsupport.TcpProxy;
import io.minibase.testsupport.TestNamespace;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One stack for every end-to-end test class of the run: started by the first class that
 * needs it (launcher code, ports of its own, state under target/, schemas of its own) and
 * stopped when the whole run ends, since five Spring Boot JVMs take minutes to start on a
 * small box.
 */
final class SharedStack implements BeforeAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

	private static volatile LocalStack stack;

	private static volatile StackSettings settings;

	private static volatile OtlpReceiver traces;

	private static volatile TcpProxy database;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(NAMESPACE).computeIfAbsent("stack", (key) -> start(), Running.class);
	}

	/** The running stack; only inside a class extended with SharedStack. */
	static LocalStack stack() {
		return stack;
	}

	/** The stack's nginx, which the end-to-end tests need. */
	static Nginx nginx() {
		return stack.nginx()
			.orElseThrow(() -> new AssertionError("nginx did not start with the stack: install it (apt-get install -y "
					+ "nginx-light openssl) or see target/local-stack-it/logs/nginx.log"));
	}

	private static Running start() {
		Path repoRoot = StackSettings.findRepoRoot(Path.of(""), System.getenv());
		// every process exports its spans here, as it would to Jaeger
		OtlpReceiver receiver = OtlpReceiver.start();
		Map<String, String> env = new HashMap<>(System.getenv());
		env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
		// apart from a developer's stack (database 0) and integration tests (1) on the
		// same Redis
		env.put("REDIS_DATABASE", String.valueOf(TestNamespace.current().redisDatabase(2)));
		// a Redis of its own, which the Redis drill (ErrorWalkIT) may stop and start
		// again
		env.merge("MINIBASE_EMBEDDED", "redis", (given, redis) -> given + "," + redis);
		// the machine's MariaDB (shared with every other test) through a proxy of the
		// run's own, which the MariaDB drill (ErrorWalkIT) takes away and brings back
		TcpProxy proxy = null;
		if (!env.getOrDefault("MINIBASE_EMBEDDED", "").contains("mariadb")) {
			proxy = new TcpProxy(Integer.parseInt(env.getOrDefault("DB_PORT", "3306"))).start();
			env.putIfAbsent("DB_HOST", "127.0.0.1");
			env.put("DB_PORT", String.valueOf(proxy.port()));
		}
		// two catalog instances behind the gateway (lb://catalog-service), one consumer
		// group splitting order.orders.v1 between them, as on a cluster
		env.put(Replicas.VARIABLE, "catalog-service=2");
		// a JVM per application, as on a cluster: the drills kill one service (OneJvmIT
		// runs the small box's one JVM)
		env.put(StackSettings.ONE_JVM, "false");
		StackSettings chosen = StackSettings.forDeveloper(repoRoot, env)
			.withHome(Path.of("target", "local-stack-it"))
			.withPorts(StackPorts.any())
			.withRandomPortsForEmbedded()
			.withSchemaSuffix(TestNamespace.current().schemaSuffix("_e2e"));
		LocalStack started = new LocalStack(chosen, System.out);
		try {
			started.start();
		}
		catch (RuntimeException ex) {
			receiver.close();
			if (proxy != null) {
				proxy.stop();
			}
			throw ex;
		}
		settings = chosen;
		traces = receiver;
		database = proxy;
		stack = started;
		return new Running(started, receiver, proxy);
	}

	/** Closed by JUnit when the run ends. */
	record Running(LocalStack stack, OtlpReceiver receiver, TcpProxy database) implements AutoCloseable {

		@Override
		public void close() {
			try {
				this.stack.close();
			}
			finally {
				this.receiver.close();
				if (this.database != null) {
					this.database.stop();
				}
			}
		}

	}

	/**
	 * The way from the stack to MariaDB, for outage drills: {@code stop()} closes every
	 * connection and refuses new ones, {@code start()} lets them in again.
	 */
	static TcpProxy database() {
		if (database == null) {
			throw new IllegalStateException("MariaDB is embedded in this run: no proxy to take away");
		}
		return database;
	}

	/** The spans the stack's processes have exported. */
	static OtlpReceiver traces() {
		return traces;
	}

	/** Where the stack's processes write their logs. */
	static Path logDir() {
		return settings.logDir();
	}

	/** The first admin's password, which the launcher generated into the stack's home. */
	static String adminPassword() {
		try {
			return java.nio.file.Files.readString(settings.home().resolve("admin-password")).strip();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
