package io.minibase.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.minibase.localservers.LocalInfra;
import io.minibase.wechatstub.WeChatStub;

/**
 * The local stack: finds or starts MariaDB, Redis and Kafka, starts the WeChat and WeChat
 * Pay stubs, then the four services and the gateway, all in one JVM ({@link OneJvm}, the
 * default) or each in its own (the four services in parallel, then the gateway), and
 * stops them all again on Ctrl-C or {@code infra/local/stop}.
 *
 * <p>
 * This class runs the stack's life; {@link StackPlan} says what runs with which
 * environment, {@link Processes} starts, watches and stops the applications,
 * {@link StackSummary} tells the developer, {@link StackCommands} is the command line.
 * {@code main} is what {@code infra/local/run} and {@code infra/local/stop} call; the
 * rest is public so that an end-to-end test can run a second stack with the same code.
 */
public final class LocalStack implements AutoCloseable {

	static final String GATEWAY = "gateway";

	static final List<String> SERVICES = List.of("auth-service", "catalog-service", "order-service", "file-service");

	private final StackSettings settings;

	private final PrintStream out;

	private final ChildPids pids;

	private final KeptSecrets secrets;

	private final StackSummary summary;

	private final Stubs stubs;

	private final HeldPorts held = new HeldPorts();

	private final Processes processes;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean up;

	/** Set once, by the first {@link #close()} (guarded by this for that). */
	private volatile boolean stopping;

	private volatile StackLock lock;

	private volatile BackingServers servers;

	private volatile Nginx nginx;

	/**
	 * Where everything listens, none of them 0; known once {@link #start()} has begun.
	 */
	private volatile StackPorts ports;

	private volatile StackPlan.Plan plan = new StackPlan.Plan(Map.of(), SERVICES);

	public LocalStack(StackSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
		this.pids = new ChildPids(settings.home().resolve("pids"));
		this.secrets = new KeptSecrets(settings.home());
		this.summary = new StackSummary(settings, out);
		this.stubs = new Stubs(settings);
		this.processes = new Processes(settings, out, this.pids);
	}

	/** {@code run} (the default) or {@code stop}. */
	public static void main(String[] args) {
		StackCommands.main(args);
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
				this.summary.didNotStart(ex);
			}
			close();
			throw ex;
		}
	}

	private void startAll() {
		this.out.println("minibase: starting the local stack (state in " + this.settings.home() + ")");
		this.lock = StackLock.acquireToStart(this.settings.home());
		this.summary.leftovers(this.pids.stopLeftovers(AppProcess.STOP_GRACE));
		StackPlan.requireJars(this.settings);
		this.ports = this.held.holdAll(this.settings.ports());
		this.lock.announce(gatewayUrl());
		this.processes.prepare();

		this.servers = new BackingServers(this.settings, this.pids);
		this.servers.findOrStart(this.summary);
		failIfStopping();

		this.stubs.start(this.ports, this.out);
		this.plan = StackPlan.of(this.settings, this.ports, this.stubs, this.secrets, this.servers, this.held::hold);
		this.summary.starting(this.plan);
		this.processes.start(this.plan, false);
		failIfStopping();
		this.nginx = Nginx.startIfFound(this.settings, this.ports, this.out).orElse(null);
		nginx().ifPresent((started) -> this.pids.record("nginx", started.handle()));
		this.up = true;
		this.processes.watch();
		this.summary.welcome(gatewayUrl(), nginx(), payStubUrl(), this.secrets);
	}

	/** The WeChat Pay stub's URL, where {@code POST /stub/pay} pays as the buyer. */
	public String payStubUrl() {
		return this.stubs.pay().baseUrl();
	}

	/** The WeChat stub, for end-to-end tests that look at what WeChat was sent. */
	public WeChatStub weChatStub() {
		return this.stubs.weChat();
	}

	/** The WeChat stub's URL; known once {@link #start()} has begun. */
	public String weChatStubUrl() {
		return this.stubs.weChat().baseUrl();
	}

	/** Stops the application and starts it again, returning once it is ready. */
	public void restart(String name) {
		this.processes.restart(this.plan, name);
	}

	/**
	 * The running process of an application ({@code gateway}, {@code catalog-service},
	 * ...).
	 */
	public Optional<ProcessHandle> process(String name) {
		return this.processes.handle(this.plan, name);
	}

	/**
	 * The backing servers the stack found or started, for fault drills (e.g.
	 * {@link LocalInfra#crashKafka()}); known once {@link #start()} has begun.
	 */
	public LocalInfra infra() {
		return Objects.requireNonNull(this.servers, "not started").infra();
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
		return Optional.ofNullable(this.plan.apps().get(name)).map(StackPlan::url);
	}

	/** nginx with TLS in front of the gateway, when an nginx binary was found. */
	public Optional<Nginx> nginx() {
		return Optional.ofNullable(this.nginx);
	}

	/**
	 * The operator's password for the services' actuator (dead-letter replay, HTTP Basic
	 * {@code operator}): from {@code OPERATOR_PASSWORD}, else generated once and kept.
	 */
	public String operatorPassword() {
		return this.secrets.operatorPassword();
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
			if (this.stopping) {
				return;
			}
			this.stopping = true;
		}
		this.processes.refuseNew();
		try {
			if (!this.processes.isEmpty()) {
				this.out.println("minibase: stopping ...");
			}
			if (this.nginx != null) {
				this.nginx.close();
				this.pids.forget("nginx");
			}
			this.processes.stopAll(this.plan);
			this.stubs.close();
			if (this.servers != null) {
				this.servers.close();
			}
			// every process that listened on them has stopped
			this.held.close();
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

	private void failIfStopping() {
		if (this.stopping) {
			throw new StackDidNotStart("stopped while starting");
		}
	}

}
