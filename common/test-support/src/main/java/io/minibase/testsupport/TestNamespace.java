package io.minibase.testsupport;

import java.util.Map;

/**
 * Keeps test runs of several work trees on one machine apart: they share its MySQL and
 * Redis, and each run drops and recreates its schemas. {@code MINIBASE_TEST_NAMESPACE} (a
 * digit 1-4, unset for CI and a lone developer) suffixes every test schema and moves
 * every test Redis database, so two runs at once never empty each other's data.
 */
public final class TestNamespace {

	/** The variable; unset or empty means namespace 0, the names used so far. */
	public static final String VARIABLE = "MINIBASE_TEST_NAMESPACE";

	/**
	 * The Redis databases each namespace takes: integration tests, the stack, the box.
	 */
	private static final int DATABASES_EACH = 3;

	private final int number;

	private TestNamespace(int number) {
		this.number = number;
	}

	/** This JVM's namespace. */
	public static TestNamespace current() {
		return of(System.getenv());
	}

	static TestNamespace of(Map<String, String> env) {
		String value = env.getOrDefault(VARIABLE, "").strip();
		if (value.isEmpty()) {
			return new TestNamespace(0);
		}
		if (!value.matches("[0-4]")) {
			// Redis has 16 databases by default: 5 namespaces of 3, and 0 for the stack
			throw new IllegalArgumentException(VARIABLE + " must be a digit 0-4, not '" + value + "'");
		}
		return new TestNamespace(Integer.parseInt(value));
	}

	/**
	 * {@code suffix} as this namespace has it: {@code _it}, or {@code _it2} in namespace
	 * 2.
	 */
	public String schemaSuffix(String suffix) {
		return (this.number == 0) ? suffix : suffix + this.number;
	}

	/** A test Redis database (1-3) as this namespace has it. */
	public int redisDatabase(int database) {
		if (database < 1 || database > DATABASES_EACH) {
			throw new IllegalArgumentException("test Redis databases are 1-" + DATABASES_EACH + ", not " + database);
		}
		return database + DATABASES_EACH * this.number;
	}

}
