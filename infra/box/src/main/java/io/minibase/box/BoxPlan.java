package io.minibase.box;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.WebApplicationType;

/**
 * What a box runs, read from a properties file the launcher writes:
 *
 * <pre>
 * members=gateway,auth-service
 * gateway.jar=/path/to/gateway/gateway.jar
 * gateway.libraries=spring-boot-4.0.7.jar,reactor-netty-http-1.3.6.jar,...
 * gateway.web=reactive
 * gateway.env.SERVER_PORT=8080
 * </pre>
 */
record BoxPlan(List<Member> members) {

	BoxPlan {
		members = List.copyOf(members);
		if (members.isEmpty()) {
			throw new IllegalArgumentException("A box needs at least one member");
		}
	}

	static BoxPlan read(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return from(properties);
	}

	static BoxPlan from(Properties properties) {
		String names = required(properties, "members");
		List<Member> members = Arrays.stream(names.split(","))
			.map(String::strip)
			.filter((name) -> !name.isEmpty())
			.map((name) -> member(properties, name))
			.toList();
		return new BoxPlan(members);
	}

	private static Member member(Properties properties, String name) {
		Path jar = Path.of(required(properties, name + ".jar"));
		WebApplicationType web = WebApplicationType
			.valueOf(required(properties, name + ".web").toUpperCase(Locale.ROOT));
		String prefix = name + ".env.";
		Map<String, String> env = new LinkedHashMap<>();
		for (String key : properties.stringPropertyNames()) {
			if (key.startsWith(prefix)) {
				env.put(key.substring(prefix.length()), properties.getProperty(key));
			}
		}
		Set<String> libraries = Arrays.stream(required(properties, name + ".libraries").split(","))
			.map(String::strip)
			.filter((library) -> !library.isEmpty())
			.collect(Collectors.toSet());
		return new Member(name, jar, libraries, web, env);
	}

	private static String required(Properties properties, String key) {
		String value = properties.getProperty(key);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The box plan has no " + key);
		}
		return value;
	}

}
