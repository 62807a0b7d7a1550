package io.minibase.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.minibase.localservers.ParentWatch;

/**
 * The stack's application processes: starts them (each in its JVM, or all in the box's
 * one, see {@link OneJvm}), waits until they are ready, says when one exits on its own
 * once the stack is up, and stops them.
 */
final class Processes {

	private final StackSettings settings;

	private final PrintStream out;

	private final ChildPids pids;

	private final Readiness readiness;

	private final Map<String, AppProcess> running = new ConcurrentHashMap<>();

	private volatile Path parentWatchClasses;

	private volatile boolean stopping;

	private volatile boolean watching;

	Processes(StackSettings settings, PrintStream out, ChildPids pids) {
		this.settings = settings;
		this.out = out;
		this.pids = pids;
		this.readiness = new Readiness(settings.readyTimeout(), out, () -> this.stopping);
	}

	/**
	 * The logs' folder, and a copy of ParentWatch's class for the children's class path
	 * (see AppProcess).
	 */
	void prepare() {
		try {
			Files.createDirectories(this.settings.logDir());
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

	/**
	 * Starts every application of the plan: in the box's one JVM, or the services (all at
	 * once) and then the gateway; returns once all are ready.
	 */
	void start(StackPlan.Plan plan, boolean appendLog) {
		List<App> services = plan.serviceInstances().stream().map(plan.apps()::get).toList();
		App gateway = plan.apps().get(LocalStack.GATEWAY);
		if (this.settings.oneJvm()) {
			List<App> members = new ArrayList<>(services);
			members.add(gateway);
			startBox(members, appendLog);
			return;
		}
		startEach(services, appendLog);
		this.out.println("  starting " + LocalStack.GATEWAY + " ...");
		startEach(List.of(gateway), appendLog);
	}

	/**
	 * Stops the application and starts it again, returning once it is ready; in the box,
	 * the box with all of them.
	 */
	void restart(StackPlan.Plan plan, String name) {
		App app = plan.apps().get(name);
		if (app == null) {
			throw new IllegalArgumentException("No application " + name + "; there are " + plan.apps().keySet());
		}
		if (this.settings.oneJvm()) {
			stop(List.of(OneJvm.NAME));
			this.out.println("  restarting " + OneJvm.NAME + " (" + name + " and the others) ...");
			start(plan, true);
			return;
		}
		stop(List.of(name));
		this.out.println("  restarting " + name + " ...");
		startEach(List.of(app), true);
	}

	/** The process that runs an application of the plan, or any other by its name. */
	Optional<ProcessHandle> handle(StackPlan.Plan plan, String name) {
		boolean box = this.settings.oneJvm() && plan.apps().containsKey(name);
		return Optional.ofNullable(this.running.get(box ? OneJvm.NAME : name)).map(AppProcess::handle);
	}

	/**
	 * Starts each application in its own JVM, all at once, and waits until all are ready.
	 */
	private void startEach(List<App> apps, boolean appendLog) {
		List<AppProcess> started = apps.stream().map((app) -> launch(app, appendLog)).toList();
		this.readiness.await(started.stream().map(Readiness.Starting::of).toList());
	}

	/**
	 * Starts the applications in one JVM (OneJvm), the gateway among them, and waits
	 * until every one of them is ready.
	 */
	private void startBox(List<App> members, boolean appendLog) {
		Path dir = this.settings.home().resolve("run").resolve(OneJvm.NAME);
		OneJvm.Launch launch = OneJvm.prepare(dir, members, Map.of(LocalStack.GATEWAY, true), AppProcess.java());
		List<Path> classPath = new ArrayList<>(List.of(this.parentWatchClasses, this.settings.boxJar()));
		classPath.addAll(launch.libraries());
		App gateway = members.stream().filter((app) -> app.name().equals(LocalStack.GATEWAY)).findFirst().orElseThrow();
		App box = new App(OneJvm.NAME, this.settings.boxJar(), Map.of(), gateway.readiness());
		AppProcess process = started(box,
				() -> AppProcess.start(box, OneJvm.jvmOptions(this.settings.jvmOptions()), classPath,
						List.of(OneJvm.MAIN, launch.plan().toString()), this.settings.dataDir().resolve(OneJvm.NAME),
						this.settings.logDir().resolve(OneJvm.NAME + ".log"), appendLog));
		this.readiness.await(
				members.stream().map((app) -> new Readiness.Starting(app.name(), process, app.readiness())).toList());
	}

	/** From now on, an application that exits on its own is reported. */
	void watch() {
		this.watching = true;
	}

	/** Starts no more processes: the stack is stopping. */
	synchronized void refuseNew() {
		this.stopping = true;
	}

	/**
	 * Stops every application of the plan: the gateway first (so no new requests reach
	 * services that are stopping), then the services.
	 */
	void stopAll(StackPlan.Plan plan) {
		stop(List.of(OneJvm.NAME));
		stop(List.of(LocalStack.GATEWAY));
		stop(plan.serviceInstances());
	}

	/** Stops these processes, all at once, and waits until they have exited. */
	private void stop(List<String> names) {
		List<AppProcess> processes = names.stream().map(this.running::remove).filter(Objects::nonNull).toList();
		// all at once: they shut down in parallel, so the wait is the slowest one's
		processes.forEach(AppProcess::requestStop);
		for (AppProcess process : processes) {
			process.awaitExit(AppProcess.STOP_GRACE);
			this.pids.forget(process.app().name());
		}
	}

	boolean isEmpty() {
		return this.running.isEmpty();
	}

	private AppProcess launch(App app, boolean appendLog) {
		App copy = runFromCopy(app);
		return started(app,
				() -> AppProcess.start(copy, this.settings.jvmOptions(), this.parentWatchClasses,
						this.settings.dataDir().resolve(app.name()),
						this.settings.logDir().resolve(app.name() + ".log"), appendLog));
	}

	/** Starts a process unless the stack is stopping, and keeps track of it. */
	private synchronized AppProcess started(App app, Supplier<AppProcess> start) {
		// a Ctrl-C while starting must not race a new child past refuseNew()
		if (this.stopping) {
			throw new StackDidNotStart("stopped while starting");
		}
		AppProcess process = start.get();
		this.running.put(app.name(), process);
		this.pids.record(app.name(), process.handle());
		process.handle().onExit().thenRun(() -> reportUnexpectedExit(process));
		return process;
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
		if (this.watching && !this.stopping && this.running.get(process.app().name()) == process) {
			this.out.println("minibase: " + process.app().name() + " exited (code " + process.exitValue() + "); see "
					+ process.log());
		}
	}

}
