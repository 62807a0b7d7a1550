package io.minibase.box;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * What an application must be told when it shares its class path with the others.
 *
 * <p>
 * Spring Boot configures an application from the libraries it finds: sharing the box's
 * class path, the gateway would find a JDBC driver, Kafka and Tomcat, and each service
 * Spring Cloud Gateway. So each member excludes every auto-configuration that comes from
 * a library its own class path would not have held: it is configured as if it ran alone.
 * A few libraries also act on their properties; those are set too. All of it is passed as
 * command-line arguments, the settings of highest precedence.
 */
final class MemberSettings {

	private static final String AUTO_CONFIGURATIONS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	static final String LOGBACK_METRICS = "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration";

	/** The box's class path: library file name to its auto-configurations. */
	private final Map<String, List<String>> autoConfigurations;

	private MemberSettings(Map<String, List<String>> autoConfigurations) {
		this.autoConfigurations = autoConfigurations;
	}

	/** Reads the auto-configurations of every library on this JVM's class path. */
	static MemberSettings fromClassPath() {
		Map<String, List<String>> found = new LinkedHashMap<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path path = Path.of(entry);
			if (entry.endsWith(".jar")) {
				found.put(path.getFileName().toString(), autoConfigurations(path));
			}
		}
		return new MemberSettings(found);
	}

	static MemberSettings of(Map<String, List<String>> autoConfigurations) {
		return new MemberSettings(Map.copyOf(autoConfigurations));
	}

	/**
	 * The command-line arguments of a member; {@code first} for the member that sets up
	 * the JVM's logging.
	 */
	String[] arguments(Member member, boolean first) {
		List<String> arguments = new ArrayList<>();
		Set<String> foreign = new TreeSet<>();
		this.autoConfigurations.forEach((library, classes) -> {
			if (!member.libraries().contains(library)) {
				foreign.addAll(classes);
			}
		});
		if (!first) {
			// Micrometer counts log events with a turbo filter on the one LoggerContext
			// of the JVM: each member adding its own, five filters ran on every log call
			// and every isDebugEnabled() of every member (JFR: 2.7% of the box's CPU
			// under orders), each counting all members' lines. The first member's
			// logback_events_total counts the box's.
			foreign.add(LOGBACK_METRICS);
		}
		if (!foreign.isEmpty()) {
			arguments.add("--spring.autoconfigure.exclude=" + String.join(",", foreign));
		}
		// The gateway's libraries act on their own properties as well.
		arguments.add("--spring.cloud.gateway.server.webflux.enabled=" + member.reactive());
		// Logging is the JVM's, set up by the first application: its name would stand on
		// every line, whoever wrote it. The logger's and the thread's names say it.
		arguments.add("--logging.config=classpath:io/minibase/box/logback-box.xml");
		arguments.add("--logging.include-application-name=false");
		// The OTLP metrics registry is on the class path for the gateway's sake (its
		// auto-configuration lives in a library they all share); metrics are scraped
		// from /actuator/prometheus.
		if (member.libraries().stream().noneMatch((library) -> library.startsWith("micrometer-registry-otlp-"))) {
			arguments.add("--management.otlp.metrics.export.enabled=false");
		}
		return arguments.toArray(String[]::new);
	}

	private static List<String> autoConfigurations(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			ZipEntry entry = file.getEntry(AUTO_CONFIGURATIONS);
			if (entry == null) {
				return List.of();
			}
			List<String> classes = new ArrayList<>();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
				for (String line; (line = reader.readLine()) != null;) {
					String name = line.strip();
					int comment = name.indexOf('#');
					if (comment >= 0) {
						name = name.substring(0, comment).strip();
					}
					if (!name.isEmpty()) {
						classes.add(name);
					}
				}
			}
			return classes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + jar, ex);
		}
	}

}
