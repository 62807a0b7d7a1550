package io.minibase.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import io.minibase.localservers.ParentWatch;

/**
 * An application running in its own JVM, its output in its log file.
 *
 * <p>
 * The JVM runs the fat jar's own launcher under {@link ParentWatch} (a copy of that one
 * class sits next to the jar on the class path): we keep a pipe to the child's standard
 * input, and when the launcher dies, even by SIGKILL, the pipe closes and the child exits
 * through its normal shutdown. Spring Boot's JarLauncher finds its archive from its own
 * code source, so it works the same as {@code java -jar}.
 */
final class AppProcess {

	/** Spring's graceful shutdown waits up to 30s per phase by default; then we kill. */
	static final Duration STOP_GRACE = Duration.ofSeconds(35);

	private final App app;

	private final Process process;

	private final Path log;

	private AppProcess(App app, Process process, Path log) {
		this.app = app;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts the application; returns at once, see {@link #isReady(HttpClient, URI)}.
	 * @param workDir its working directory, so that any relative path it writes to lands
	 * in the stack's data folder and not in the project
	 * @param appendLog whether to keep what the log already holds (a restart) or start it
	 * afresh (a new stack)
	 */
	static AppProcess start(App app, List<String> jvmOptions, Path parentWatchClasses, Path workDir, Path log,
			boolean appendLog) {
		return start(app, jvmOptions, List.of(parentWatchClasses, app.jar()), List.of(mainClass(app.jar())), workDir,
				log, appendLog);
	}

	/**
	 * Starts a main class over a class path of its own (ParentWatch's folder first), e.g.
	 * the box of {@link OneJvm}.
	 * @param mainAndArguments the main class and its arguments
	 */
	static AppProcess start(App app, List<String> jvmOptions, List<Path> classPath, List<String> mainAndArguments,
			Path workDir, Path log, boolean appendLog) {
		List<String> command = new ArrayList<>();
		command.add(java().toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
		command.add(ParentWatch.class.getName());
		command.addAll(mainAndArguments);
		try {
			Files.createDirectories(workDir);
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(appendLog ? Redirect.appendTo(log.toFile()) : Redirect.to(log.toFile()));
			// standard input is left a pipe held by this JVM: ParentWatch's lifeline

			// each service's schema defaults to its own name: a DB_NAME left in the shell
			// would point all of them at one schema
			builder.environment().remove("DB_NAME");
			// glibc gives each thread that mallocs an arena of its own, up to 8 per core,
			// each holding freed memory: tens of MB per JVM outside what NMT counts.
			// The JVM mallocs little (its heap and metaspace are its own), so two do.
			builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
			builder.environment().putAll(app.env());
			return new AppProcess(app, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + app.name(), ex);
		}
	}

	/** The java of this JVM, which runs the applications too. */
	static Path java() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	/** The Main-Class of a Spring Boot fat jar: its JarLauncher. */
	private static String mainClass(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			String main = (file.getManifest() != null) ? file.getManifest().getMainAttributes().getValue("Main-Class")
					: null;
			if (main == null) {
				throw new StackDidNotStart(jar + " has no Main-Class: is it a Spring Boot jar?");
			}
			return main;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + jar, ex);
		}
	}

	App app() {
		return this.app;
	}

	Path log() {
		return this.log;
	}

	ProcessHandle handle() {
		return this.process.toHandle();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * Whether this readiness endpoint (its application's, or one of the applications it
	 * runs) answers 200 right now.
	 */
	static boolean isReady(HttpClient http, URI readiness) {
		HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build();
		try {
			return http.send(request, BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Asks it to stop (SIGTERM, so Spring shuts down gracefully); see {@link #awaitExit}.
	 */
	void requestStop() {
		this.process.destroy();
	}

	/** Waits for it to exit, and kills it when it takes longer than the grace period. */
	void awaitExit(Duration grace) {
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** The last lines of its log, for the console when it failed. */
	String tail(int lines) {
		try {
			// lenient about encoding: a crashing JVM may write anything
			List<String> all = new String(Files.readAllBytes(this.log), StandardCharsets.UTF_8).lines().toList();
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(could not read " + this.log + ": " + ex.getMessage() + ")";
		}
	}

}
