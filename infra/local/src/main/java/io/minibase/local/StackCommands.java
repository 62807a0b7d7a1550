package io.minibase.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What {@code infra/local/run} and {@code infra/local/stop} do. */
final class StackCommands {

	/** The launcher's own stop: gateway, services, then the broker, each bounded. */
	private static final Duration LAUNCHER_STOP_TIMEOUT = Duration.ofSeconds(150);

	private StackCommands() {
	}

	/** {@code run} (the default) or {@code stop}; exits with a status other than 0. */
	static void main(String[] args) {
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
	static int stop(Path home, PrintStream out) {
		Optional<StackLock> free = StackLock.tryAcquire(home);
		if (free.isPresent()) {
			try (StackLock lock = free.get()) {
				List<String> leftovers = new ChildPids(home.resolve("pids")).stopLeftovers(AppProcess.STOP_GRACE);
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
				new ChildPids(home.resolve("pids")).stopLeftovers(AppProcess.STOP_GRACE);
			}
		});
		out.println("minibase stopped.");
		return 0;
	}

}
