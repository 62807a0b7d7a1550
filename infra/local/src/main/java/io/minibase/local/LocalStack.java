package io.minibase.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.minibase.testsupport.HeldPort;
import io.minibase.testsupport.Kafka;
import io.minibase.testsupport.LocalInfra;
import io.minibase.testsupport.MariaDb;
import io.minibase.testsupport.Origin;
import io.minibase.testsupport.ParentWatch;
import io.minibase.testsupport.Ports;
import io.minibase.testsupport.Redis;
import io.minibase.wechatstub.PayStubKeys;
import io.minibase.wechatstub.WeChatPayStub;
import io.minibase.wechatstub.WeChatStub;

/**
 * The local stack: finds or starts MariaDB, Redis and Kafka, starts the WeChat and WeChat
 * Pay stubs, then the four services and the gateway, all in one JVM ({@link OneJvm}, the
 * default) or each in its own (the four services in parallel, then the gateway), and
 * stops them all again on Ctrl-C or {@code infra/local/stop}.
 *
 * <p>
 * {@code main} is what {@code infra/local/run} and {@code infra/local/stop} call; the
 * rest is public so that an end-to-end test can run a second stack with the same code.
 */
public final class LocalStack implements AutoCloseable {

	static final String GATEWAY = "gateway";

	static final List<String> SERVICES = List.of("auth-service", "catalog-service", "order-service", "file-service");

	/** Spring's graceful shutdown waits up to 30s per phase by default; then we kill. */
	private static final Duration STOP_GRACE = Duration.ofSeconds(35);

	/** The launcher's own stop: gateway, services, then the broker, each bounded. */
	private static final Duration LAUNCHER_STOP_TIMEOUT = Duration.ofSeconds(150);

	private static final int LOG_TAIL = 40;

	/** Each service's own schema (its default DB_NAME). */
	private static final Map<String, String> SCHEMAS = Map.of("auth-service", "auth", "catalog-service", "catalog",
			"order-service", "orders", "file-service", "files");

	/**
	 * The stub's merchant: a made-up merchant id, and the app id auth-service's WeChat
	 * login uses by default, so the stub's openids are the ones it bound to this app.
	 */
	private static final String PAY_STUB_MERCHANT_ID = "1900000109";

	private static final String PAY_STUB_APP_ID = "wx-local-stack";

	/**
	 * The message push's token, as the mini-program's admin console would configure it.
	 */
	private static final String PUSH_TOKEN = "minibase-local-push";

	/**
	 * The push's EncodingAESKey (safe mode), new at every start like the pay stub's keys.
	 */
	private final String pushAesKey = io.minibase.wechatstub.PushSigner.newEncodingAesKey();

	private static final Map<String, String> LOCAL_RATE_LIMITS = Map.of("GATEWAY_RATE_PER_SECOND", "500",
			"GATEWAY_RATE_BURST", "1000", "GATEWAY_LOGIN_RATE_PER_SECOND", "100", "GATEWAY_LOGIN_RATE_BURST", "500");

	private final StackSettings settings;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final ChildPids pids;

	private final Map<String, App> apps = new ConcurrentHashMap<>();

	private final Map<String, AppProcess> running = new ConcurrentHashMap<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean up;

	private volatile boolean stopping;

	private boolean closed; // guarded by this

	private volatile StackLock lock;

	private volatile LocalInfra infra;

	private volatile WeChatStub stub;

	private volatile WeChatPayStub payStub;

	private volatile Path parentWatchClasses;

	private volatile List<ProcessHandle> infraChildren = List.of();

	private volatile Nginx nginx;

	/**
	 * Where everything listens: the settings' ports, with every 0 replaced by the port
	 * held for it; known once {@link #start()} has held them.
	 */
	private volatile StackPorts ports;

	/**
	 * Every port this stack listens on, held from before its process starts until the
	 * stack has stopped (see {@link HeldPort}), so that a restart gets its port back.
	 */
	private final List<HeldPort> held = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** The services and their extra instances (MINIBASE_REPLICAS), in start order. */
	private volatile List<String> serviceInstances = SERVICES;

	public LocalStack(StackSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
		this.pids = new ChildPids(settings.home().resolve("pids"));
	}

	/** {@code run} (the default) or {@code stop}. */
	public static void main(String[] args) {
		String command = (args.length == 0) ? "run" : args[0];
		int status;
		try {
			StackSettings settings = StackSettings
				.forDeveloper(StackSettings.findRepoRoot(Path.of(""), System.getenv()), System.getenv());
			status = switch (command) {
				case "run" -> run(settings);
				case "stop" -> stop(settings.home(), System.out);
				default -> {
					System.err.println("usage: LocalStack [run|stop]");
					yield 2;
				}
			};
		}
		catch (RuntimeException ex) {
			System.err.println("minibase: " + ex.getMessage());
			status = 1;
		}
		if (status != 0) {
			System.exit(status);
		}
	}

	/** Runs the stack in the foreground until the JVM is told to stop. */
	static int run(StackSettings settings) {
		LocalStack stack = new LocalStack(settings, System.out);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "minibase-stop"));
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			// start() has said why and stopped what it had started
			return 1;
		}
		stack.awaitStopped();
		return 0;
	}

	/**
	 * Stops the stack that runs from this {@code .minibase} folder and waits for it to be
	 * gone; also ends children a killed launcher left behind.
	 * @return the exit status for the command line
	 */
	public static int stop(Path home, PrintStream out) {
		Optional<StackLock> free = StackLock.tryAcquire(home);
		if (free.isPresent()) {
			try (StackLock lock = free.get()) {
				List<String> leftovers = new ChildPids(home.resolve("pids")).stopLeftovers(STOP_GRACE);
				out.println(leftovers.isEmpty() ? "minibase is not running."
						: "minibase was not running; stopped what a killed launcher left behind: "
								+ String.join(", ", leftovers));
				return 0;
			}
		}
		// the pid file may still name a launcher killed with -9 for a moment after a new
		// one took the lock: never signal a process that is not that launcher
		Optional<ProcessHandle> launcher = StackLock.holder(home).flatMap(StackLock.Holder::process);
		if (launcher.isEmpty()) {
			out.println("minibase is starting or stopping, but its launcher's pid is not known yet; try again.");
			return 1;
		}
		out.println("Stopping minibase (launcher pid " + launcher.get().pid() + ") ...");
		launcher.get().destroy();
		try {
			launcher.get().onExit().get(LAUNCHER_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			out.println("The launcher (pid " + launcher.get().pid() + ") did not stop within "
					+ LAUNCHER_STOP_TIMEOUT.toSeconds() + "s; kill it with kill -9 " + launcher.get().pid()
					+ " and run infra/local/stop again to end its children.");
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
		// normally the launcher has stopped them all; this ends any that did not go
		StackLock.tryAcquire(home).ifPresent((lock) -> {
			try (lock) {
				new ChildPids(home.resolve("pids")).stopLeftovers(STOP_GRACE);
			}
		});
		out.println("minibase stopped.");
		return 0;
	}

	/**
	 * Starts everything and returns once the gateway is ready.
	 * @throws StackDidNotStart when another stack runs from the same folder, a port is
	 * taken, a jar is missing or an application does not become ready; whatever had
	 * started is stopped again
	 */
	public void start() {
		try {
			startAll();
		}
		catch (RuntimeException ex) {
			if (!this.stopping) {
				// the reason first, then the noise of stopping what had started (a
				// Ctrl-C while starting needs no reason)
				this.out.println();
				this.out.println("minibase did not start: " + describe(ex));
			}
			close();
			throw ex;
		}
	}

	private void startAll() {
		this.out.println("minibase: starting the local stack (state in " + this.settings.home() + ")");
		this.lock = StackLock.tryAcquire(this.settings.home()).orElseThrow(this::alreadyRunning);
		List<String> leftovers = this.pids.stopLeftovers(STOP_GRACE);
		if (!leftovers.isEmpty()) {
			this.out.println("  stopped what a killed launcher left behind: " + String.join(", ", leftovers));
		}
		requireJars();
		this.ports = holdPorts(this.settings.ports());
		this.lock.announce(gatewayUrl());
		prepareFolders();

		this.infra = new LocalInfra(this.settings.dataDir(), this.settings.env(),
				this.settings.standardPortsForEmbedded());
		MariaDb db = this.infra.mariaDb();
		this.out.printf("  %-12s %s:%d  %s%n", "MariaDB", db.host(), db.port(),
				origin(db.origin(), "DB_HOST", "mariadb"));
		Redis redis = this.infra.redis();
		this.out.printf("  %-12s %s:%d  %s%n", "Redis", redis.host(), redis.port(),
				origin(redis.origin(), "REDIS_HOST", "redis"));
		Kafka kafka = this.infra.kafka();
		this.out.printf("  %-12s %s  %s%n", "Kafka", kafka.bootstrapServers(),
				origin(kafka.origin(), "KAFKA_BOOTSTRAP_SERVERS", "kafka"));
		// Embedded servers are this JVM's children too. ParentWatch ends the broker with
		// us; MariaDB and Redis are native processes that would outlive a launcher killed
		// with -9, so they get pid files like the applications.
		this.infraChildren = ProcessHandle.current().children().toList();
		this.infraChildren.forEach((child) -> this.pids.record("infra-" + child.pid(), child));
		failIfStopping();

		Path stubLog = this.settings.logDir().resolve("wechat-stub.log");
		this.stub = WeChatStub.start(this.ports.weChat(), (line) -> appendLine(stubLog, line));
		this.stub.pushTo(gatewayUrl() + "/api/wechat/push", PUSH_TOKEN, this.pushAesKey, PAY_STUB_APP_ID, false);
		this.out.printf("  %-12s %s%n", "WeChat stub", this.stub.baseUrl());
		startPayStub();

		defineApps(db, redis, kafka);
		this.out.println("  starting " + String.join(", ", this.serviceInstances)
				+ (this.settings.oneJvm() ? ", " + GATEWAY + " (in one JVM" : " (in parallel")
				+ "; on a small machine this takes a minute or two) ...");
		if (this.settings.oneJvm()) {
			launchBox(false);
		}
		else {
			List<AppProcess> services = this.serviceInstances.stream().map((name) -> launch(name, false)).toList();
			awaitReady(services);
			this.out.println("  starting " + GATEWAY + " ...");
			awaitReady(List.of(launch(GATEWAY, false)));
		}
		startNginx();
		this.up = true;
		this.out.println(welcome());
	}

	/**
	 * The WeChat Pay stub, with a merchant whose keys are new at every start: the
	 * merchant's private key, the platform's public key and the APIv3 key go into
	 * {@code .minibase/run/wechat-pay}, where order-service reads them as it would read a
	 * real merchant's mounted keys.
	 */
	private void startPayStub() {
		PayStubKeys keys = PayStubKeys.generate(PAY_STUB_MERCHANT_ID, PAY_STUB_APP_ID);
		keys.writeTo(payStubKeyDir());
		Path log = this.settings.logDir().resolve("wechat-pay-stub.log");
		this.payStub = WeChatPayStub.start(this.ports.weChatPay(), keys, (line) -> appendLine(log, line));
		this.out.printf("  %-12s %s  (POST /stub/pay {\"prepayId\"} pays an order)%n", "WeChat Pay",
				this.payStub.baseUrl());
	}

	private Path payStubKeyDir() {
		return this.settings.home().resolve("run").resolve("wechat-pay");
	}

	/**
	 * order-service's merchant account: the stub's merchant, its key files, and the
	 * gateway's notify URL, so that the stub's notifies take the route WeChat Pay's take.
	 */
	private Map<String, String> payStubEnvironment() {
		PayStubKeys keys = this.payStub.keys();
		Path dir = payStubKeyDir();
		Map<String, String> env = new LinkedHashMap<>();
		env.put("WECHATPAY_MERCHANT_ID", keys.merchantId());
		env.put("WECHATPAY_MERCHANT_SERIAL_NUMBER", keys.merchantSerialNumber());
		env.put("WECHATPAY_PRIVATE_KEY_FILE", dir.resolve(PayStubKeys.MERCHANT_PRIVATE_KEY).toString());
		env.put("WECHATPAY_API_V3_KEY_FILE", dir.resolve(PayStubKeys.API_V3_KEY).toString());
		env.put("WECHATPAY_PUBLIC_KEY_ID", keys.publicKeyId());
		env.put("WECHATPAY_PUBLIC_KEY_FILE", dir.resolve(PayStubKeys.PLATFORM_PUBLIC_KEY).toString());
		env.put("WECHATPAY_APP_ID", keys.appId());
		env.put("WECHATPAY_NOTIFY_URL", gatewayUrl() + "/api/payments/wechat/notify");
		env.put("WECHATPAY_API_BASE_URL", this.payStub.baseUrl());
		return env;
	}

	/**
	 * The WeChat Pay stub's URL, where {@code POST /stub/pay {"prepayId"}} plays the
	 * buyer; known once {@link #start()} has begun.
	 */
	public String payStubUrl() {
		return Objects.requireNonNull(this.payStub, "not started").baseUrl();
	}

	/**
	 * The WeChat stub itself, for end-to-end tests that look at what WeChat was sent;
	 * known once {@link #start()} has begun.
	 */
	public WeChatStub weChatStub() {
		return this.stub;
	}

	/** The WeChat stub's URL; known once {@link #start()} has begun. */
	public String weChatStubUrl() {
		return Objects.requireNonNull(this.stub, "not started").baseUrl();
	}

	/** Stops the application and starts it again, returning once it is ready. */
	public void restart(String name) {
		if (!this.apps.containsKey(name)) {
			throw new IllegalArgumentException("No application " + name + "; there are " + this.apps.keySet());
		}
		boolean box = this.settings.oneJvm();
		AppProcess old = this.running.remove(box ? OneJvm.NAME : name);
		if (old != null) {
			old.requestStop();
			old.awaitExit(STOP_GRACE);
		}
		if (box) {
			// one process holds them all
			this.out.println("  restarting " + OneJvm.NAME + " (" + name + " and the others) ...");
			launchBox(true);
			return;
		}
		this.out.println("  restarting " + name + " ...");
		awaitReady(List.of(launch(name, true)));
	}

	/**
	 * The running process of an application ({@code gateway}, {@code catalog-service},
	 * ...).
	 */
	public Optional<ProcessHandle> process(String name) {
		String process = (this.settings.oneJvm() && this.apps.containsKey(name)) ? OneJvm.NAME : name;
		return Optional.ofNullable(this.running.get(process)).map(AppProcess::handle);
	}

	/**
	 * The backing servers the stack found or started, for fault drills (e.g.
	 * {@link LocalInfra#crashKafka()}); known once {@link #start()} has begun.
	 */
	public LocalInfra infra() {
		return Objects.requireNonNull(this.infra, "not started");
	}

	/** The gateway's URL; known once {@link #start()} has begun. */
	public String gatewayUrl() {
		return Objects.requireNonNull(this.ports, "not started").gatewayUrl();
	}

	/**
	 * Where an application ({@code catalog-service}, {@code catalog-service-2} ...) takes
	 * requests directly, e.g. {@code http://127.0.0.1:8082}.
	 */
	public Optional<String> url(String name) {
		return Optional.ofNullable(this.apps.get(name))
			.map((app) -> app.readiness().getScheme() + "://" + app.readiness().getAuthority());
	}

	/** nginx with TLS in front of the gateway, when an nginx binary was found. */
	public Optional<Nginx> nginx() {
		return Optional.ofNullable(this.nginx);
	}

	private void startNginx() {
		failIfStopping();
		this.nginx = Nginx.startIfFound(this.settings, this.ports, this.out).orElse(null);
		if (this.nginx != null) {
			this.pids.record("nginx", this.nginx.handle());
			this.out.printf("  %-16s %s -> %s (log %s)%n", "nginx", this.nginx.url(), gatewayUrl(),
					this.settings.logDir().resolve("nginx.log"));
		}
	}

	/** Blocks until {@link #close()} has stopped everything. */
	public void awaitStopped() {
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stops everything this stack started: the gateway first (so no new requests reach
	 * services that are stopping), then the services, the stub and any embedded servers.
	 * Safe to call more than once and from a shutdown hook.
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.stopping = true;
		}
		try {
			if (!this.running.isEmpty()) {
				this.out.println("minibase: stopping ...");
			}
			if (this.nginx != null) {
				this.nginx.close();
				this.pids.forget("nginx");
			}
			stopApps(List.of(OneJvm.NAME));
			stopApps(List.of(GATEWAY));
			stopApps(this.serviceInstances);
			if (this.stub != null) {
				this.stub.close();
			}
			if (this.payStub != null) {
				this.payStub.close();
			}
			if (this.infra != null) {
				this.infra.close();
				this.infraChildren.forEach((child) -> this.pids.forget("infra-" + child.pid()));
			}
			// every process that listened on them has stopped
			this.held.forEach(HeldPort::close);
			this.held.clear();
			if (this.up) {
				this.out.println("minibase: stopped.");
			}
		}
		finally {
			if (this.lock != null) {
				this.lock.close();
			}
			this.stopped.countDown();
		}
	}

	private void stopApps(List<String> names) {
		List<AppProcess> processes = names.stream().map(this.running::remove).filter(Objects::nonNull).toList();
		// all at once: they shut down in parallel, so the wait is the slowest one's
		processes.forEach(AppProcess::requestStop);
		for (AppProcess process : processes) {
			process.awaitExit(STOP_GRACE);
			this.pids.forget(process.app().name());
		}
	}

	private AppProcess launch(String name, boolean appendLog) {
		App app = runFromCopy(this.apps.get(name));
		synchronized (this) {
			// a Ctrl-C while starting must not race a new child past close()
			failIfStopping();
			AppProcess process = AppProcess.start(app, this.settings.jvmOptions(), this.parentWatchClasses,
					this.settings.dataDir().resolve(name), this.settings.logDir().resolve(name + ".log"), appendLog);
			this.running.put(name, process);
			this.pids.record(name, process.handle());
			process.handle().onExit().thenRun(() -> reportUnexpectedExit(process));
			return process;
		}
	}

	/**
	 * Starts the gateway and the services in one JVM (OneJvm) and waits until every one
	 * of them is ready.
	 */
	private void launchBox(boolean appendLog) {
		List<App> members = new ArrayList<>();
		this.serviceInstances.forEach((name) -> members.add(this.apps.get(name)));
		members.add(this.apps.get(GATEWAY));
		Path dir = this.settings.home().resolve("run").resolve(OneJvm.NAME);
		OneJvm.Launch launch = OneJvm.prepare(dir, members, Map.of(GATEWAY, true), AppProcess.java());
		List<Path> classPath = new ArrayList<>(List.of(this.parentWatchClasses, this.settings.boxJar()));
		classPath.addAll(launch.libraries());
		App box = new App(OneJvm.NAME, this.settings.boxJar(), Map.of(), this.apps.get(GATEWAY).readiness());
		AppProcess process;
		synchronized (this) {
			failIfStopping();
			process = AppProcess.start(box, OneJvm.jvmOptions(this.settings.jvmOptions()), classPath,
					List.of(OneJvm.MAIN, launch.plan().toString()), this.settings.dataDir().resolve(OneJvm.NAME),
					this.settings.logDir().resolve(OneJvm.NAME + ".log"), appendLog);
			this.running.put(OneJvm.NAME, process);
			this.pids.record(OneJvm.NAME, process.handle());
			AppProcess started = process;
			process.handle().onExit().thenRun(() -> reportUnexpectedExit(started));
		}
		awaitReady(members.stream().map((app) -> new Starting(app.name(), process, app.readiness())).toList());
	}

	/**
	 * The application with its jar copied under {@code run/jars}. A build while the stack
	 * runs rewrites {@code target/*.jar}, and a JVM whose jar changes under it fails at
	 * the next class it loads (seen as ClassNotFoundException in a request).
	 */
	private App runFromCopy(App app) {
		Path copy = this.settings.home().resolve("run").resolve("jars").resolve(app.name() + ".jar");
		try {
			Files.createDirectories(copy.getParent());
			// the previous copy's JVM has exited: launch only follows a stop or a new
			// stack
			Files.copy(app.jar(), copy, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not copy " + app.jar(), ex);
		}
		return new App(app.name(), copy, app.env(), app.readiness());
	}

	private void reportUnexpectedExit(AppProcess process) {
		if (this.up && !this.stopping && this.running.get(process.app().name()) == process) {
			this.out.println("minibase: " + process.app().name() + " exited (code " + process.exitValue() + "); see "
					+ process.log());
		}
	}

	/**
	 * Polls every starting application until all are ready, one fails or time runs out.
	 */
	private void awaitReady(List<AppProcess> starting) {
		awaitReady(starting.stream()
			.map((process) -> new Starting(process.app().name(), process, process.app().readiness()))
			.toList());
	}

	/** An application on its way up, in the process that runs it. */
	private record Starting(String name, AppProcess process, URI readiness) {
	}

	private void awaitReady(Collection<Starting> starting) {
		Instant began = Instant.now();
		Instant deadline = began.plus(this.settings.readyTimeout());
		Set<Starting> pending = new LinkedHashSet<>(starting);
		while (!pending.isEmpty()) {
			failIfStopping();
			for (Iterator<Starting> it = pending.iterator(); it.hasNext();) {
				Starting app = it.next();
				AppProcess process = app.process();
				if (!process.isAlive()) {
					throw failed(List.of(process), "exited (code " + process.exitValue() + ") before it was ready");
				}
				if (AppProcess.isReady(this.http, app.readiness())) {
					this.out.printf("  %-16s ready after %ds (log %s)%n", app.name(),
							Duration.between(began, Instant.now()).toSeconds(), process.log());
					it.remove();
				}
			}
			if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
				throw failed(pending.stream().map(Starting::process).distinct().toList(),
						"not ready after " + this.settings.readyTimeout().toSeconds() + "s (MINIBASE_READY_TIMEOUT)");
			}
			sleep(500);
		}
	}

	private StackDidNotStart failed(List<AppProcess> processes, String what) {
		StringBuilder message = new StringBuilder();
		for (AppProcess process : processes) {
			message.append(System.lineSeparator())
				.append(process.app().name())
				.append(' ')
				.append(what)
				.append(". Last ")
				.append(LOG_TAIL)
				.append(" lines of ")
				.append(process.log())
				.append(':')
				.append(System.lineSeparator())
				.append(process.tail(LOG_TAIL))
				.append(System.lineSeparator());
		}
		return new StackDidNotStart(message.toString());
	}

	private void failIfStopping() {
		if (this.stopping) {
			throw new StackDidNotStart("stopped while starting");
		}
	}

	private StackDidNotStart alreadyRunning() {
		String who = StackLock.holder(this.settings.home())
			.map((h) -> "pid " + h.pid() + ", gateway " + h.gatewayUrl())
			.orElse("pid not known yet");
		return new StackDidNotStart("minibase is already running (" + who + ") from " + this.settings.home()
				+ "; stop it with infra/local/stop");
	}

	private void requireJars() {
		List<String> missing = new ArrayList<>();
		List<Path> jars = new ArrayList<>(allApps().stream().map(this.settings::jar).toList());
		if (this.settings.oneJvm()) {
			jars.add(this.settings.boxJar());
		}
		for (Path jar : jars) {
			if (!Files.isRegularFile(jar)) {
				missing.add(this.settings.repoRoot().relativize(jar).toString());
			}
		}
		if (!missing.isEmpty()) {
			throw new StackDidNotStart("not built yet: " + String.join(", ", missing)
					+ ". Build with ./mvnw -B -DskipTests package (infra/local/run does, unless --no-build).");
		}
	}

	/**
	 * Holds every port of the stack: a fixed one as given (failing when another program
	 * has it), any port for a 0.
	 * @return the ports, none of them 0
	 */
	private StackPorts holdPorts(StackPorts wanted) {
		List<String> taken = new ArrayList<>();
		Map<String, Integer> got = new LinkedHashMap<>();
		wanted.byName().forEach((name, port) -> {
			try {
				got.put(name, hold(port));
			}
			catch (Ports.PortTaken ex) {
				taken.add(port + " (" + name + ")");
			}
		});
		if (!taken.isEmpty()) {
			String first = taken.get(0).split(" ")[0];
			throw new StackDidNotStart("port " + String.join(", ", taken)
					+ " already in use by another program. See who holds it with: ss -ltnp 'sport = :" + first
					+ "' (or lsof -i :" + first + "), and stop it first.");
		}
		return StackPorts.fromNames(got);
	}

	/** Holds the port (any port for 0) until the stack stops, and says which it is. */
	private int hold(int port) {
		HeldPort held = Ports.hold(port);
		this.held.add(held);
		return held.port();
	}

	/**
	 * Logs, per-application working folders, and a copy of ParentWatch's class for the
	 * children's class path (see AppProcess).
	 */
	private void prepareFolders() {
		try {
			Files.createDirectories(this.settings.logDir());
			Files.deleteIfExists(this.settings.logDir().resolve("wechat-stub.log"));
			Files.deleteIfExists(this.settings.logDir().resolve("wechat-pay-stub.log"));
			Path classes = this.settings.home().resolve("run").resolve("parent-watch");
			Path target = classes.resolve(ParentWatch.class.getName().replace('.', '/') + ".class");
			Files.createDirectories(target.getParent());
			try (InputStream in = ParentWatch.class.getResourceAsStream(ParentWatch.class.getSimpleName() + ".class")) {
				Files.write(target, Objects.requireNonNull(in, "ParentWatch.class").readAllBytes());
			}
			this.parentWatchClasses = classes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void defineApps(MariaDb db, Redis redis, Kafka kafka) {
		StackPorts ports = this.ports;
		Map<String, Integer> servicePorts = Map.of("auth-service", ports.auth(), "catalog-service", ports.catalog(),
				"order-service", ports.order(), "file-service", ports.file());
		for (String name : SERVICES) {
			int port = servicePorts.get(name);
			Map<String, String> env = new HashMap<>(passThrough());
			env.put("SERVER_PORT", Integer.toString(port));
			env.put("DB_HOST", db.host());
			env.put("DB_PORT", Integer.toString(db.port()));
			env.put("DB_USER", db.user());
			env.put("DB_PASSWORD", db.password());
			env.put("REDIS_HOST", redis.host());
			env.put("REDIS_PORT", Integer.toString(redis.port()));
			env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
			// the actuator's dead-letter replay asks for it, even on loopback
			env.put("OPERATOR_PASSWORD", operatorPassword());
			// every service checks tokens against auth-service's JWKS, wherever it runs
			env.put("AUTH_SERVICE_URL", "http://127.0.0.1:" + ports.auth());
			if (!this.settings.schemaSuffix().isEmpty()) {
				env.put("DB_NAME", SCHEMAS.get(name) + this.settings.schemaSuffix());
			}
			// WeChat's access_token APIs (ADR 11): the stub, one app, one shared token,
			// for every service that calls WeChat
			env.put("WECHAT_API_BASE_URL", this.stub.baseUrl());
			if (name.equals("file-service")) {
				// the media check: WeChat (the stub) downloads through the gateway and
				// pushes its results, signed and encrypted, to the gateway's push route
				env.put("FILES_PUBLIC_BASE_URL", gatewayUrl());
				env.put("WECHAT_PUSH_TOKEN", PUSH_TOKEN);
				env.put("WECHAT_PUSH_ENCODING_AES_KEY", this.pushAesKey);
				// every local client shares one user in tests and the bench; production's
				// per-user upload rate (30 a minute) would make the bench measure the
				// limit
				env.put("FILES_RATE_UPLOADS", System.getenv().getOrDefault("FILES_RATE_UPLOADS", "100000"));
			}
			if (name.equals("order-service")) {
				env.putAll(payStubEnvironment());
				// asked whether an after-sale's photos are the buyer's (ADR 19)
				env.put("FILE_SERVICE_URL", "http://127.0.0.1:" + ports.file());
				// the buyers' subscribe messages go to the stub (its log shows them), as
				// they would with templates chosen in the admin console
				for (String kind : List.of("PAID", "SHIPPED", "EXPIRING", "REFUNDED")) {
					env.putIfAbsent("ORDER_WECHAT_TEMPLATE_" + kind, "local-" + kind.toLowerCase(Locale.ROOT));
				}
			}
			if (name.equals("auth-service")) {
				env.put("WECHAT_API_BASE_URL", this.stub.baseUrl());
				env.put("AUTH_ADMIN_PASSWORD", adminPassword());
				// phone numbers are encrypted with it; kept, so a restart still reads
				// them
				env.put("AUTH_PHONE_KEY", keptKey("phone-key"));
			}
			this.apps.put(name, new App(name, this.settings.jar(name), env,
					URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")));
		}
		Map<String, List<String>> instances = defineExtraInstances();
		Map<String, String> env = new HashMap<>(passThrough());
		env.put("GATEWAY_PORT", Integer.toString(ports.gateway()));
		env.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(ports.gatewayManagement()));
		// the same, for a port taken from Spring's own names (and over any in the shell)
		env.put("SERVER_PORT", Integer.toString(ports.gateway()));
		env.put("MANAGEMENT_SERVER_PORT", Integer.toString(ports.gatewayManagement()));
		env.put("AUTH_SERVICE_URL", "http://127.0.0.1:" + ports.auth());
		env.put("CATALOG_SERVICE_URL", "http://127.0.0.1:" + ports.catalog());
		env.put("ORDER_SERVICE_URL", "http://127.0.0.1:" + ports.order());
		env.put("FILE_SERVICE_URL", "http://127.0.0.1:" + ports.file());
		spreadOverInstances(env, instances, ports);
		// the gateway's rate-limit buckets and the revoked tokens it checks
		env.put("REDIS_HOST", redis.host());
		env.put("REDIS_PORT", Integer.toString(redis.port()));
		// Every client of the local stack comes from 127.0.0.1 and shares one address
		// bucket, so tests and benches would trip production's limits; the environment
		// still wins.
		LOCAL_RATE_LIMITS
			.forEach((variable, value) -> env.put(variable, System.getenv().getOrDefault(variable, value)));
		this.apps.put(GATEWAY, new App(GATEWAY, this.settings.jar(GATEWAY), env,
				URI.create("http://127.0.0.1:" + ports.gatewayManagement() + "/actuator/health/readiness")));
	}

	/**
	 * The extra instances of replicated services (MINIBASE_REPLICAS), each a copy of the
	 * service on a free port.
	 * @return every instance's URL by replicated service
	 */
	private Map<String, List<String>> defineExtraInstances() {
		Replicas replicas = Replicas.from(this.settings.env(), SERVICES);
		if (this.settings.oneJvm() && SERVICES.stream().anyMatch(replicas::isReplicated)) {
			throw new StackDidNotStart("MINIBASE_REPLICAS runs more JVMs of a service; MINIBASE_ONE_JVM runs one JVM:"
					+ " choose one of them");
		}
		Map<String, List<String>> instances = new LinkedHashMap<>();
		List<String> names = new ArrayList<>(SERVICES);
		for (String service : SERVICES) {
			if (!replicas.isReplicated(service)) {
				continue;
			}
			App first = this.apps.get(service);
			List<String> urls = new ArrayList<>(List.of(url(service).orElseThrow()));
			for (String name : replicas.extraInstances(service)) {
				int port = hold(0);
				Map<String, String> env = new HashMap<>(first.env());
				env.put("SERVER_PORT", Integer.toString(port));
				this.apps.put(name, new App(name, first.jar(), env,
						URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")));
				names.add(name);
				urls.add("http://127.0.0.1:" + port);
			}
			instances.put(service, urls);
		}
		this.serviceInstances = List.copyOf(names);
		return instances;
	}

	/**
	 * The gateway reaches a replicated service as lb://{@code <service>} over the static
	 * list of its instances (Spring Cloud's simple discovery client), given as
	 * SPRING_APPLICATION_JSON.
	 */
	static void spreadOverInstances(Map<String, String> env, Map<String, List<String>> instances, StackPorts ports) {
		if (instances.isEmpty()) {
			return;
		}
		List<String> lists = new ArrayList<>();
		instances.forEach((service, urls) -> {
			env.put(service.replace("-service", "").toUpperCase() + "_SERVICE_URL", "lb://" + service);
			lists.add("\"" + service + "\":["
					+ urls.stream().map((url) -> "{\"uri\":\"" + url + "\"}").collect(Collectors.joining(",")) + "]");
		});
		// the gateway fetches auth-service's keys directly, never through lb://
		String keys = "\"gateway\":{\"token\":{\"jwk-set-uri\":\"http://127.0.0.1:" + ports.auth()
				+ "/.well-known/jwks.json\"}}";
		env.put("SPRING_APPLICATION_JSON", "{\"spring\":{\"cloud\":{\"discovery\":{\"client\":{\"simple\":"
				+ "{\"instances\":{" + String.join(",", lists) + "}}}}}}," + keys + "}");
	}

	/**
	 * Settings a stack's own environment (a test's, say) hands to every process, beyond
	 * the launcher's inherited environment.
	 */
	private static final Set<String> PASSED_THROUGH = Set.of("OTEL_EXPORTER_OTLP_ENDPOINT", "REDIS_DATABASE");

	private Map<String, String> passThrough() {
		return this.settings.env()
			.entrySet()
			.stream()
			.filter((e) -> PASSED_THROUGH.contains(e.getKey()))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * The first admin's password: from {@code AUTH_ADMIN_PASSWORD}, else generated once
	 * and kept in the state folder, so there is never a default password and a restart
	 * keeps the same one.
	 */
	private String adminPassword() {
		return keptPassword("AUTH_ADMIN_PASSWORD", "admin-password");
	}

	/**
	 * The operator's password for the services' actuator (dead-letter replay, HTTP Basic
	 * {@code operator}): from {@code OPERATOR_PASSWORD}, else generated once and kept.
	 */
	public String operatorPassword() {
		return keptPassword("OPERATOR_PASSWORD", "operator-password");
	}

	/**
	 * A password from the environment variable, else generated once and kept in the state
	 * folder's file of that name.
	 */
	private String keptPassword(String variable, String name) {
		String given = System.getenv(variable);
		if (given != null && !given.isBlank()) {
			return given;
		}
		return kept(this.settings.home().resolve(name), 18, Base64.getUrlEncoder().withoutPadding());
	}

	/**
	 * A 32-byte key (base64), generated once and kept in the state folder's
	 * {@code run/keys}.
	 */
	private String keptKey(String name) {
		return kept(this.settings.home().resolve("run").resolve("keys").resolve(name), 32, Base64.getEncoder());
	}

	/**
	 * The secret in {@code file}; the first time, {@code bytes} random bytes in that
	 * encoding, written readable by the owner only.
	 */
	private static String kept(Path file, int bytes, Base64.Encoder encoding) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).trim();
			}
			byte[] random = new byte[bytes];
			new SecureRandom().nextBytes(random);
			String secret = encoding.encodeToString(random);
			Files.createDirectories(file.getParent());
			Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the folder's own permissions apply
			}
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not keep a secret in " + file, ex);
		}
	}

	private String origin(Origin origin, String variable, String folder) {
		return switch (origin) {
			case ENVIRONMENT -> "(named by " + variable + ")";
			case STANDARD_PORT -> "(found running on its standard port)";
			case EMBEDDED -> "(started embedded; data and logs in " + this.settings.dataDir().resolve(folder) + ")";
		};
	}

	private String welcome() {
		String gateway = gatewayUrl();
		Map<String, String> lines = new LinkedHashMap<>();
		lines.put("Console", gateway + "/admin/  (the shop's staff console: sign in as the admin below)");
		lines.put("Gateway", gateway);
		lines.put("Swagger UI", gateway + "/swagger-ui.html");
		nginx().ifPresent((https) -> lines.put("HTTPS",
				https.url() + " (nginx, self-signed certificate " + https.certificate() + "; curl --cacert it)"));
		lines.put("WeChat Pay", this.payStub.baseUrl() + "  (the stub: POST /stub/pay {\"prepayId\"} pays an order,"
				+ " as the buyer would in wx.requestPayment)");
		lines.put("Admin",
				"admin / " + adminPassword()
						+ "  (the console's sign-in, or POST /api/admin/auth/login; the password of the first admin,"
						+ " kept in " + this.settings.home().resolve("admin-password") + ")");
		lines.put("Operator",
				"operator / " + operatorPassword()
						+ "  (HTTP Basic for the services' dead-letter replay, POST /actuator/deadletters/{topic},"
						+ " and for a replay in the console's dead-letter page;" + " kept in "
						+ this.settings.home().resolve("operator-password") + ")");
		lines.put("Logs",
				this.settings.oneJvm()
						? this.settings.logDir() + "/" + OneJvm.NAME + ".log (" + String.join(", ", allApps())
								+ " in one JVM), wechat-stub.log, wechat-pay-stub.log"
						: this.settings.logDir() + "/<name>.log (" + String.join(", ", allApps())
								+ ", wechat-stub, wechat-pay-stub)");
		boolean developers = this.settings.home().equals(this.settings.repoRoot().resolve(".minibase"));
		lines.put("Stop", developers ? "Ctrl-C here, or infra/local/stop from another terminal" : "Ctrl-C here");
		StringBuilder text = new StringBuilder(System.lineSeparator()).append("minibase is up.")
			.append(System.lineSeparator());
		lines.forEach((label, value) -> text.append(String.format("  %-11s %s%n", label, value)));
		text.append(System.lineSeparator()).append(Walkthrough.text(gateway));
		return text.toString();
	}

	private static List<String> allApps() {
		List<String> names = new ArrayList<>(SERVICES);
		names.add(GATEWAY);
		return names;
	}

	private static void appendLine(Path file, String line) {
		try {
			Files.writeString(file, Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			// the stub's log is a convenience; never fail a login over it
		}
	}

	private static String describe(RuntimeException ex) {
		if (ex instanceof StackDidNotStart) {
			return ex.getMessage();
		}
		StringBuilder message = new StringBuilder(String.valueOf(ex.getMessage()));
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			message.append(System.lineSeparator()).append("  caused by: ").append(cause);
		}
		return message.toString();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackDidNotStart("interrupted while starting");
		}
	}

}
