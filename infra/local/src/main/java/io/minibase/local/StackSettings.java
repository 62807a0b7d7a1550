package io.minibase.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything the launcher needs to know, so that a test can run a second stack (other
 * ports, its own folder) with the same code a developer runs.
 *
 * @param repoRoot the project's root folder (holds {@code mvnw} and the modules' jars)
 * @param home where the stack keeps its state: {@code data/} for embedded servers,
 * {@code logs/} for every process, the lock and pid files
 * @param ports where everything listens
 * @param env the environment to find backing servers in (see LocalInfra) and to pass on
 * @param standardPortsForEmbedded whether embedded servers take their standard ports when
 * free (a developer's stack) or random ones (a test's)
 * @param readyTimeout how long a service may take to become ready
 * @param jvmOptions options for every service's JVM
 * @param schemaSuffix added to every service's schema name ({@code auth_e2e} ...), so a
 * test's stack never shares data with a developer's on the same MySQL
 */
public record StackSettings(Path repoRoot, Path home, StackPorts ports, Map<String, String> env,
		boolean standardPortsForEmbedded, Duration readyTimeout, List<String> jvmOptions, String schemaSuffix) {

	/**
	 * Sized for a small box (2 cores, a few GB for the whole stack): five Spring Boot
	 * JVMs and a broker must fit together. A 256 MB heap is plenty for a local service.
	 * The parallel collector with two threads, chosen by measurement over the serial one:
	 * under a crowd the serial collector promoted in-flight requests and paused 130-170
	 * ms for a full collection every 4-10 s; with the parallel one the gateway's p99 at
	 * 256 users was 144-165 ms instead of 226-367, the p99 it adds at half its peak 52 ms
	 * instead of 115, and the stack under the shop mix no larger (docs/sizing.md). Capped
	 * metaspace, code cache (as docker-compose has it) and smaller thread stacks bound
	 * the non-heap memory. The full JIT (C1 then C2), chosen by measurement for processes
	 * that run for days: the gateway forwarded 1,230-1,290 cached reads/s with C1 only
	 * ({@code -XX:TieredStopAtLevel=1}, which starts faster) and 1,830-2,150 with C2, for
	 * about 80 MB more resident memory (docs/sizing.md). Since JDK 20 a collection
	 * unloads cold compiled code, and one is started whenever 15% of the code cache
	 * ({@code SweeperThreshold}) was compiled since the last: with the parallel (or
	 * serial) collector that is a full collection, 250-400 ms of all applications stopped
	 * in the box, four of them in a run of the orders bench, one in the middle of 200
	 * orders a second. At 50% they start only when the code grows by half the cache (once
	 * in the same run; p99 at 200/s 742-904 ms instead of 1,306-1,793), and a cache
	 * nearly full still starts one ({@code StartAggressiveSweepingAt}, 10% free). A
	 * service that runs out of memory exits and shows in its log instead of limping on.
	 */
	static final List<String> SMALL_BOX_JVM = List.of("-Xms64m", "-Xmx256m", "-XX:+UseParallelGC",
			"-XX:ParallelGCThreads=2", "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=48m",
			"-XX:SweeperThreshold=50", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

	/** {@code true}: one JVM for all applications; {@code false}: one JVM each. */
	static final String ONE_JVM = "MINIBASE_ONE_JVM";

	static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);

	public StackSettings {
		repoRoot = repoRoot.toAbsolutePath().normalize();
		home = home.toAbsolutePath().normalize();
		env = Map.copyOf(env);
		jvmOptions = List.copyOf(jvmOptions);
	}

	/**
	 * A developer's stack: standard ports, state under {@code <repo>/.minibase}.
	 * {@code MINIBASE_READY_TIMEOUT} (seconds) and {@code MINIBASE_JAVA_OPTS} (added to
	 * every service's JVM options) tune it.
	 */
	public static StackSettings forDeveloper(Path repoRoot, Map<String, String> env) {
		List<String> jvm = new ArrayList<>(SMALL_BOX_JVM);
		String extra = env.getOrDefault("MINIBASE_JAVA_OPTS", "").trim();
		if (!extra.isEmpty()) {
			jvm.addAll(Arrays.asList(extra.split("\\s+")));
		}
		Duration timeout = env.containsKey("MINIBASE_READY_TIMEOUT")
				? Duration.ofSeconds(Long.parseLong(env.get("MINIBASE_READY_TIMEOUT").trim())) : DEFAULT_READY_TIMEOUT;
		return new StackSettings(repoRoot, repoRoot.resolve(".minibase"), StackPorts.standard(), env, true, timeout,
				jvm, "");
	}

	/** The same stack with its state in another folder. */
	public StackSettings withHome(Path home) {
		return new StackSettings(this.repoRoot, home, this.ports, this.env, this.standardPortsForEmbedded,
				this.readyTimeout, this.jvmOptions, this.schemaSuffix);
	}

	/** The same stack on other ports. */
	public StackSettings withPorts(StackPorts ports) {
		return new StackSettings(this.repoRoot, this.home, ports, this.env, this.standardPortsForEmbedded,
				this.readyTimeout, this.jvmOptions, this.schemaSuffix);
	}

	/** The same stack, embedded servers on random ports rather than standard ones. */
	public StackSettings withRandomPortsForEmbedded() {
		return new StackSettings(this.repoRoot, this.home, this.ports, this.env, false, this.readyTimeout,
				this.jvmOptions, this.schemaSuffix);
	}

	/** The same stack on schemas of its own ({@code <schema><suffix>}). */
	public StackSettings withSchemaSuffix(String suffix) {
		return new StackSettings(this.repoRoot, this.home, this.ports, this.env, this.standardPortsForEmbedded,
				this.readyTimeout, this.jvmOptions, suffix);
	}

	/**
	 * The project root: {@code MINIBASE_HOME} when set, otherwise the nearest folder from
	 * {@code start} upwards that holds {@code mvnw}.
	 */
	public static Path findRepoRoot(Path start, Map<String, String> env) {
		String home = env.get("MINIBASE_HOME");
		if (home != null && !home.isBlank()) {
			return Path.of(home).toAbsolutePath().normalize();
		}
		for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Could not find the minibase project (a folder with mvnw) from " + start
				+ " upwards; run from inside the project or set MINIBASE_HOME");
	}

	/**
	 * Whether the gateway and the services run in one JVM (see OneJvm and
	 * docs/adr/0009-one-jvm-per-box.md) rather than one JVM each:
	 * {@code MINIBASE_ONE_JVM} when set, otherwise one JVM unless a service runs several
	 * instances ({@code MINIBASE_REPLICAS}).
	 */
	boolean oneJvm() {
		String chosen = this.env.get(ONE_JVM);
		if (chosen != null && !chosen.isBlank()) {
			return Boolean.parseBoolean(chosen.trim());
		}
		return this.env.getOrDefault(Replicas.VARIABLE, "").isBlank();
	}

	/** The box's launcher jar (infra/box), for {@link #oneJvm()}. */
	Path boxJar() {
		return this.repoRoot.resolve("infra").resolve("box").resolve("target").resolve("box.jar");
	}

	Path dataDir() {
		return this.home.resolve("data");
	}

	Path logDir() {
		return this.home.resolve("logs");
	}

	Path jar(String module) {
		return this.repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
	}

}
