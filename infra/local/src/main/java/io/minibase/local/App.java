package io.minibase.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * One Spring Boot application of the stack: which jar, what it needs in its environment,
 * and where it says it is ready.
 *
 * @param name the module name, also the name of its log file
 * @param jar the module's fat jar
 * @param env what the launcher adds to the inherited environment
 * @param readiness answers 200 once the application takes traffic
 */
record App(String name, Path jar, Map<String, String> env, URI readiness) {

	App {
		env = Map.copyOf(env);
	}

}
