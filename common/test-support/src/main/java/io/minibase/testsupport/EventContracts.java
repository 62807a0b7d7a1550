package io.minibase.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who owns which event schema (docs/adr/0024-producers-own-their-event-schemas.md): a
 * service's events module ({@code <service>-service/events}) holds the schemas of its own
 * event types and of no other producer's, and every event type a service's code names has
 * its schema where it belongs: its own in that module, one it consumes on its test class
 * path, from the producer's module.
 */
public final class EventContracts {

	/** An event type: {@code <producer>.<EventName>.v<version>}. */
	private static final Pattern TYPE = Pattern.compile("([a-z]+)\\.[A-Z][A-Za-z0-9]*\\.v[0-9]+");

	private static final Pattern ID = Pattern.compile("\"\\$id\"\\s*:\\s*\"([^\"]*)\"");

	/**
	 * A service's own schemas, from its module's directory (where Maven runs its tests):
	 * the events module nested in it.
	 */
	public static final Path OWN_SCHEMAS = Path.of("events", "src", "main", "resources", "events", "schemas");

	private EventContracts() {
	}

	/**
	 * Fails the test unless {@code service}'s production classes (package
	 * {@code io.minibase.<service>}) and its events module keep the rule.
	 */
	public static void assertKept(String service) {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.minibase." + service);
		assertThat(problems(service, OWN_SCHEMAS, classes)).as("the event contracts of %s-service", service).isEmpty();
	}

	/**
	 * What breaks the rule: {@code ownSchemas} is the directory of {@code service}'s
	 * schemas, {@code classes} the code that names the event types it publishes and
	 * consumes.
	 */
	public static List<String> problems(String service, Path ownSchemas, JavaClasses classes) {
		String module = service + "-service/events";
		List<String> problems = new ArrayList<>();
		Set<String> owned = new TreeSet<>();
		for (Path file : schemaFiles(ownSchemas)) {
			String name = file.getFileName().toString();
			String type = name.substring(0, name.length() - ".json".length());
			Matcher matcher = TYPE.matcher(type);
			if (!matcher.matches()) {
				problems.add(module + " holds " + name + ", which is not named as an event type ("
						+ "<producer>.<EventName>.v<version>.json)");
			}
			else if (!matcher.group(1).equals(service)) {
				problems.add(module + " holds " + name + ", a schema of " + matcher.group(1)
						+ "-service's: it belongs in " + matcher.group(1) + "-service/events, its producer's module");
			}
			else {
				owned.add(type);
				String id = id(file);
				if (!("urn:minibase:event:" + type).equals(id)) {
					problems.add(module + "'s " + name + " has $id " + id + ", not urn:minibase:event:" + type);
				}
			}
		}
		if (owned.isEmpty() && problems.isEmpty()) {
			problems.add("no event schemas in " + ownSchemas.toAbsolutePath() + " (" + module + ")");
		}
		Map<String, String> named = namedTypes(classes);
		named.forEach((type, where) -> {
			String producer = EventSchemas.producer(type);
			if (producer.equals(service)) {
				if (!owned.contains(type)) {
					problems.add(type + " (named in " + where + ") has no schema in " + module);
				}
			}
			else if (Thread.currentThread()
				.getContextClassLoader()
				.getResource("events/schemas/" + type + ".json") == null) {
				problems.add(service + "-service consumes " + type + " (named in " + where
						+ ") but its tests do not see its schema: it needs " + producer + "-events at test scope");
			}
		});
		owned.stream()
			.filter((type) -> !named.containsKey(type))
			.forEach((type) -> problems.add(module + " holds " + type + ".json, which " + service
					+ "-service's code never names: a contract nobody publishes"));
		return problems;
	}

	private static List<Path> schemaFiles(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String id(Path schema) {
		try {
			Matcher matcher = ID.matcher(Files.readString(schema));
			return matcher.find() ? matcher.group(1) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The event types the classes name, each with a class that names it: the values of
	 * their {@code static final String} fields that are event types (how every producer
	 * and consumer names them, e.g. {@code OrderEvents.OrderPlaced.TYPE}).
	 */
	private static Map<String, String> namedTypes(JavaClasses classes) {
		Map<String, String> named = new TreeMap<>();
		for (JavaClass javaClass : classes) {
			for (JavaField field : javaClass.getFields()) {
				if (field.getModifiers().containsAll(Set.of(JavaModifier.STATIC, JavaModifier.FINAL))
						&& field.getRawType().isEquivalentTo(String.class)) {
					String value = value(field.reflect());
					if (value != null && TYPE.matcher(value).matches()) {
						named.putIfAbsent(value, javaClass.getName());
					}
				}
			}
		}
		return named;
	}

	private static String value(Field field) {
		if (!Modifier.isStatic(field.getModifiers())) {
			return null;
		}
		try {
			field.setAccessible(true);
			return (String) field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot read " + field, ex);
		}
	}

}
