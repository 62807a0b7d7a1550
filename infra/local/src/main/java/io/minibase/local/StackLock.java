package io.minibase.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * One running stack per {@code .minibase} folder. The lock, not the pid file, decides:
 * the operating system releases it when the launcher dies, however it dies, so a stale
 * pid file never blocks the next run. The pid file only tells the second run and the stop
 * command who holds it.
 */
final class StackLock implements AutoCloseable {

	private static final String LOCK_FILE = "stack.lock";

	private static final String PID_FILE = "stack.pid";

	private final Path home;

	private final FileChannel channel;

	private final FileLock lock;

	private StackLock(Path home, FileChannel channel, FileLock lock) {
		this.home = home;
		this.channel = channel;
		this.lock = lock;
	}

	/** The lock, or empty when a running launcher holds it. */
	static Optional<StackLock> tryAcquire(Path home) {
		try {
			Files.createDirectories(home);
			FileChannel channel = FileChannel.open(home.resolve(LOCK_FILE), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				return Optional.empty();
			}
			return Optional.of(new StackLock(home, channel, lock));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not lock " + home.resolve(LOCK_FILE), ex);
		}
	}

	/**
	 * The lock, for a stack that starts.
	 * @throws StackDidNotStart when a running launcher holds it, saying which
	 */
	static StackLock acquireToStart(Path home) {
		return tryAcquire(home).orElseThrow(() -> {
			String who = holder(home).map((h) -> "pid " + h.pid() + ", gateway " + h.gatewayUrl())
				.orElse("pid not known yet");
			return new StackDidNotStart(
					"minibase is already running (" + who + ") from " + home + "; stop it with infra/local/stop");
		});
	}

	/** Tells later runs and the stop command which process runs this stack. */
	void announce(String gatewayUrl) {
		Properties info = new Properties();
		info.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
		// pid and start time name this process; a later process with the same pid differs
		ProcessHandle.current()
			.info()
			.startInstant()
			.ifPresent((started) -> info.setProperty("started", started.toString()));
		info.setProperty("gateway", gatewayUrl);
		try (var out = Files.newBufferedWriter(this.home.resolve(PID_FILE))) {
			info.store(out, "the minibase launcher that holds " + LOCK_FILE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Who runs the stack in this folder, as far as its pid file says. */
	static Optional<Holder> holder(Path home) {
		Properties info = new Properties();
		try (var in = Files.newBufferedReader(home.resolve(PID_FILE))) {
			info.load(in);
			String started = info.getProperty("started");
			return Optional.of(new Holder(Long.parseLong(info.getProperty("pid")),
					(started != null) ? Instant.parse(started) : null, info.getProperty("gateway")));
		}
		catch (IOException | RuntimeException ex) {
			// not written yet, or being rewritten: the caller says "pid unknown"
			return Optional.empty();
		}
	}

	@Override
	public void close() {
		try {
			Files.deleteIfExists(this.home.resolve(PID_FILE));
			this.lock.release();
			this.channel.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The launcher process of a running stack (its pid and start time) and its gateway
	 * URL.
	 */
	record Holder(long pid, Instant started, String gatewayUrl) {

		/**
		 * The launcher, if it still runs: the process with this pid that started at the
		 * recorded time (its command line is no guide: the JDK may see only its start,
		 * and the launcher's class name comes after a long class path).
		 */
		Optional<ProcessHandle> process() {
			return ProcessHandle.of(this.pid)
				.filter((process) -> this.started != null
						&& process.info().startInstant().map(this.started::equals).orElse(false));
		}

	}

}
