package io.minibase.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pid file per child process, so that the next {@code run} or {@code stop} can end
 * children that outlived a launcher killed with -9 (ParentWatch normally ends them first;
 * this is the safety net for one that hangs on its way out).
 *
 * <p>
 * Each file holds the pid and the process's start time: a pid on its own may have been
 * reused by an unrelated process since.
 */
final class ChildPids {

	private final Path dir;

	ChildPids(Path dir) {
		this.dir = dir;
	}

	void record(String name, ProcessHandle process) {
		try {
			Files.createDirectories(this.dir);
			Files.writeString(file(name), process.pid() + " " + startMillis(process).orElse(0L) + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void forget(String name) {
		try {
			Files.deleteIfExists(file(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Ends every recorded process that still runs; only call while holding the stack
	 * lock, when no launcher owns them.
	 * @return what was ended, for the console
	 */
	List<String> stopLeftovers(Duration grace) {
		List<String> stopped = new ArrayList<>();
		if (!Files.isDirectory(this.dir)) {
			return stopped;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.dir, "*.pid")) {
			for (Path file : files) {
				String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
				leftover(file).ifPresent((process) -> {
					String command = process.info()
						.command()
						.map((path) -> ", " + Path.of(path).getFileName())
						.orElse("");
					stop(process, grace);
					stopped.add(name + " (pid " + process.pid() + command + ")");
				});
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return stopped;
	}

	private static Optional<ProcessHandle> leftover(Path file) throws IOException {
		String[] fields = Files.readString(file).trim().split("\\s+");
		if (fields.length != 2) {
			return Optional.empty();
		}
		long recordedStart = Long.parseLong(fields[1]);
		return ProcessHandle.of(Long.parseLong(fields[0]))
			.filter(ProcessHandle::isAlive)
			// the same process, not a later one that got the pid: start times agree
			// (allowing for rounding in how the OS reports them)
			.filter((process) -> startMillis(process).map((start) -> Math.abs(start - recordedStart) < 2000)
				.orElse(false));
	}

	/** SIGTERM, a bounded wait, then SIGKILL. */
	static void stop(ProcessHandle process, Duration grace) {
		process.destroy();
		try {
			process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static Optional<Long> startMillis(ProcessHandle process) {
		return process.info().startInstant().map(Instant::toEpochMilli);
	}

	private Path file(String name) {
		return this.dir.resolve(name + ".pid");
	}

}
