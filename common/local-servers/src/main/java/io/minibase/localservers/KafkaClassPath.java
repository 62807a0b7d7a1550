package io.minibase.localservers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;

/**
 * The class path of the Kafka broker's child JVM: this module's own runtime dependencies,
 * which the build lists in {@code kafka-classpath.txt} as paths inside a local Maven
 * repository ({@code M2_REPO/org/apache/kafka/...}), put under the local repository of
 * the machine that runs the broker. The list names no folder of the machine that built
 * it, so a jar built on one machine starts the broker on another.
 */
final class KafkaClassPath {

	/** The list the build writes next to this class. */
	static final String LIST = "kafka-classpath.txt";

	/**
	 * How the list names the local repository (the dependency plugin's
	 * localRepoProperty).
	 */
	static final String REPOSITORY = "M2_REPO";

	private KafkaClassPath() {
	}

	/** ParentWatch's code source, then the broker's jars, for {@code java -cp}. */
	static String resolve() {
		List<String> entries = entries(list());
		Path repository = localRepository(entries, System.getProperties(), codeSource(Admin.class));
		List<Path> jars = under(repository, entries);
		List<Path> missing = jars.stream().filter((jar) -> !Files.isRegularFile(jar)).toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("The Kafka broker's jars are not in the local Maven repository "
					+ repository + " (" + missing.size() + " missing, e.g. " + missing.get(0)
					+ "): build common/local-servers with Maven on this machine, which fetches them, or name the"
					+ " repository with -Dmaven.repo.local");
		}
		List<Path> classPath = new ArrayList<>();
		classPath.add(codeSource(ParentWatch.class)
			.orElseThrow(() -> new IllegalStateException("ParentWatch is not loaded from a file or folder")));
		classPath.addAll(jars);
		return String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
	}

	/**
	 * The list's entries, each a path under {@link #REPOSITORY}; the build separates them
	 * with {@code :} on every system, and no path in a Maven repository holds one.
	 */
	static List<String> entries(String list) {
		return Arrays.stream(list.trim().split(":")).map(String::trim).filter((entry) -> !entry.isEmpty()).toList();
	}

	/** Every entry as the file it names under {@code repository}. */
	static List<Path> under(Path repository, List<String> entries) {
		return entries.stream().map((entry) -> repository.resolve(relative(entry))).toList();
	}

	/**
	 * This machine's local repository: {@code maven.repo.local} when set, else the one
	 * this JVM loaded kafka-clients from (Maven's own class path, wherever its repository
	 * is), else {@code ~/.m2/repository}.
	 */
	static Path localRepository(List<String> entries, Properties system, Optional<Path> kafkaClients) {
		String given = system.getProperty("maven.repo.local", "");
		if (!given.isBlank()) {
			return Path.of(given.trim());
		}
		if (kafkaClients.isPresent()) {
			Path jar = kafkaClients.get();
			for (String entry : entries) {
				Path relative = relative(entry);
				if (jar.endsWith(relative) && jar.getNameCount() > relative.getNameCount()) {
					return jar.getRoot().resolve(jar.subpath(0, jar.getNameCount() - relative.getNameCount()));
				}
			}
		}
		return Path.of(system.getProperty("user.home"), ".m2", "repository");
	}

	private static Path relative(String entry) {
		if (!entry.startsWith(REPOSITORY + "/")) {
			throw new IllegalStateException(LIST + " names " + entry + ", which is not in the local repository ("
					+ REPOSITORY + "/...): rebuild common/local-servers with Maven");
		}
		return Path.of(entry.substring(REPOSITORY.length() + 1));
	}

	/** What the build wrote into {@link #LIST}. */
	static String list() {
		try (InputStream in = KafkaClassPath.class.getResourceAsStream(LIST)) {
			if (in == null) {
				throw new IllegalStateException(LIST + " is missing: build common/local-servers with Maven");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The jar or folder a class was loaded from, when it is a file of this machine. */
	static Optional<Path> codeSource(Class<?> type) {
		try {
			return Optional.of(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
		}
		catch (URISyntaxException | RuntimeException ex) {
			// no code source, or a jar nested in another: not a file of this machine
			return Optional.empty();
		}
	}

}
