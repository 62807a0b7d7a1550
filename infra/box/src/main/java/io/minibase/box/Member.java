package io.minibase.box;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.WebApplicationType;

/**
 * One application of the box: its own jar (classes and resources only; its libraries are
 * on the box's class path), the file names of the libraries its own class path would
 * hold, the kind of web server it runs, and the environment it would get as a process of
 * its own.
 */
record Member(String name, Path jar, Set<String> libraries, WebApplicationType web, Map<String, String> env) {

	Member {
		libraries = Set.copyOf(libraries);
		env = Map.copyOf(env);
	}

	boolean reactive() {
		return this.web == WebApplicationType.REACTIVE;
	}

}
