package io.minibase.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds the command-line tools the checks run and runs them. A missing tool fails the
 * check with the command that installs it: a check that skips itself proves nothing.
 */
final class Tools {

	/** Where Debian puts the tools besides the PATH ({@code nginx} is in /usr/sbin). */
	private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/bin",
			"/usr/bin");

	private Tools() {
	}

	/**
	 * The tool's path, from the environment variable of its upper-case name
	 * ({@code NGINX}, {@code PROMTOOL} ...) or the PATH.
	 */
	static Path require(String name, String install) {
		return find(name)
			.orElseGet(() -> fail("'" + name + "' is not installed, and this check runs it. Install it with: " + install
					+ " (.ci/run does this on CI), or point " + variable(name) + " at the binary."));
	}

	static Optional<Path> find(String name) {
		String given = System.getenv(variable(name));
		if (given != null && !given.isBlank()) {
			return Optional.of(Path.of(given)).filter(Files::isExecutable);
		}
		List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
		dirs.addAll(EXTRA_DIRS);
		return dirs.stream()
			.filter((dir) -> !dir.isBlank())
			.map((dir) -> Path.of(dir, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static String variable(String name) {
		return name.toUpperCase().replace('-', '_');
	}

	/** The project's root folder (the nearest one upwards that holds mvnw). */
	static Path repoRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw"))) {
				return dir;
			}
		}
		throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
	}

	/** Runs a command to its end and returns its exit code and output (both streams). */
	static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
		try {
			Path output = Files.createTempFile("deploy-check", ".out");
			ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putAll(env);
			Process process = builder.start();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				fail(String.join(" ", command) + " did not finish within " + timeout);
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			Files.delete(output);
			return new Result(process.exitValue(), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Copies a folder tree, so a check can add files (certificates, secrets) to a copy.
	 */
	static void copyTree(Path from, Path to) {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Result(int exitCode, String output) {

		Result assertSuccess(String what) {
			if (this.exitCode != 0) {
				fail(what + " failed (exit " + this.exitCode + "):\n" + this.output);
			}
			return this;
		}

	}

}
