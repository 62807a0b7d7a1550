package io.minibase.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The gateway and the services of the stack in one JVM (MINIBASE_ONE_JVM, see
 * docs/adr/0009-one-jvm-per-box.md): each application's fat jar is unpacked with Spring
 * Boot's own tool ({@code -Djarmode=tools extract}) into its jar and its libraries; the
 * JVM's class path is the libraries of all of them, each once, and {@code infra/box}
 * starts each application over its own jar.
 */
final class OneJvm {

	/** The name of the one process, in logs, pid files and the launcher's messages. */
	static final String NAME = "box";

	/** infra/box's main class, which takes the plan. */
	static final String MAIN = "io.minibase.box.Box";

	/**
	 * The sizes of one service's JVM (StackSettings.SMALL_BOX_JVM) do not fit five: the
	 * heap, metaspace and code cache are shared by all of them. Chosen from bench run 9
	 * (docs/sizing.md): the five kept 250 MB live after a full collection and peaked at
	 * 712 MB of heap at 200 orders a second, used 142 MB of metaspace (70-96 each alone)
	 * and at most 49 MB of compiled code; each cap leaves room above that.
	 */
	private static final Map<String, String> SIZES = Map.of("-Xms", "-Xms128m", "-Xmx", "-Xmx768m",
			"-XX:MaxMetaspaceSize=", "-XX:MaxMetaspaceSize=384m", "-XX:ReservedCodeCacheSize=",
			"-XX:ReservedCodeCacheSize=128m");

	private OneJvm() {
	}

	/** The services' JVM options with the sizes of one JVM for all of them. */
	static List<String> jvmOptions(List<String> serviceOptions) {
		List<String> options = new ArrayList<>();
		for (String option : serviceOptions) {
			if (SIZES.keySet().stream().noneMatch(option::startsWith)) {
				options.add(option);
			}
		}
		options.addAll(0, SIZES.values());
		return options;
	}

	/**
	 * Unpacks the applications' jars under {@code dir} and writes the box's plan.
	 * @param apps the applications, in start order
	 * @param java the java executable that unpacks
	 * @return the class path (the libraries, each once) and the plan file
	 */
	static Launch prepare(Path dir, List<App> apps, Map<String, Boolean> reactive, Path java) {
		try {
			Files.createDirectories(dir);
			Map<String, Path> libraries = new LinkedHashMap<>();
			Map<String, String> versions = new TreeMap<>();
			Properties plan = new Properties();
			List<String> members = new ArrayList<>();
			for (App app : apps) {
				Path unpacked = dir.resolve(app.name());
				extract(java, app.jar(), unpacked);
				List<String> own = new ArrayList<>();
				try (Stream<Path> files = Files.list(unpacked.resolve("lib"))) {
					for (Path library : files.sorted().toList()) {
						String file = library.getFileName().toString();
						own.add(file);
						if (libraries.putIfAbsent(file, library) == null) {
							coordinates(library).ifPresent((artifact) -> {
								String previous = versions.putIfAbsent(artifact.name(), artifact.version());
								if (previous != null && !previous.equals(artifact.version())) {
									throw new StackDidNotStart("the applications use two versions of " + artifact.name()
											+ " (" + previous + " and " + artifact.version()
											+ "); one JVM loads one: align them in the root pom's dependencyManagement");
								}
							});
						}
					}
				}
				members.add(app.name());
				plan.setProperty(app.name() + ".jar", unpacked.resolve(app.name() + ".jar").toString());
				plan.setProperty(app.name() + ".libraries", String.join(",", own));
				plan.setProperty(app.name() + ".web",
						reactive.getOrDefault(app.name(), false) ? "reactive" : "servlet");
				app.env().forEach((key, value) -> plan.setProperty(app.name() + ".env." + key, value));
			}
			plan.setProperty("members", String.join(",", members));
			Path planFile = dir.resolve("plan.properties");
			try (Writer writer = Files.newBufferedWriter(planFile, StandardCharsets.UTF_8)) {
				plan.store(writer, "written by the local launcher for infra/box");
			}
			return new Launch(List.copyOf(libraries.values()), planFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Unpacks into an empty folder: the tool overwrites what it writes but leaves what an
	 * earlier build had, and a library left over there would join the class path.
	 */
	private static void extract(Path java, Path jar, Path destination) throws IOException {
		deleteRecursively(destination);
		List<String> command = List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
				"--destination", destination.toString(), "--force");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output;
		try (InputStream in = process.getInputStream()) {
			output = in.readAllBytes();
		}
		try {
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new StackDidNotStart(
						"could not unpack " + jar + ": " + new String(output, StandardCharsets.UTF_8));
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new StackDidNotStart("interrupted while unpacking " + jar);
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/** A library's Maven group and artifact, from the pom.properties it carries. */
	private static Optional<Coordinates> coordinates(Path library) throws IOException {
		String file = library.getFileName().toString();
		try (JarFile jar = new JarFile(library.toFile())) {
			for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
				JarEntry entry = entries.nextElement();
				if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
					Properties pom = new Properties();
					try (InputStream in = jar.getInputStream(entry)) {
						pom.load(in);
					}
					// a shaded jar carries its passengers' too: the one named like it
					if (file.startsWith(pom.getProperty("artifactId") + "-")) {
						return Optional
							.of(new Coordinates(pom.getProperty("groupId") + ":" + pom.getProperty("artifactId"),
									pom.getProperty("version")));
					}
				}
			}
			return Optional.empty();
		}
	}

	private record Coordinates(String name, String version) {
	}

	/** What the box JVM runs: its class path (besides the box's own jar) and plan. */
	record Launch(List<Path> libraries, Path plan) {
	}

}
