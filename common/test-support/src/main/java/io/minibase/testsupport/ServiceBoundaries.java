package io.minibase.testsupport;

import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rule that keeps services apart: a service's code never uses another service's code
 * (they talk over HTTP and Kafka only), nor the local-stack tooling.
 */
public final class ServiceBoundaries {

	/** The top-level package of each deployable, under {@code io.minibase}. */
	public static final List<String> SERVICES = List.of("auth", "catalog", "order", "file", "gateway");

	private ServiceBoundaries() {
	}

	/**
	 * No class of {@code service} depends on a class of any other service. It binds when
	 * applied to the service's own classes, which it selects; an empty selection fails.
	 */
	public static ArchRule independentOfOtherServices(String service) {
		String[] others = SERVICES.stream()
			.filter((other) -> !other.equals(service))
			.map((other) -> "io.minibase." + other + "..")
			.toArray(String[]::new);
		String[] forbidden = Arrays.copyOf(others, others.length + 1);
		forbidden[others.length] = "io.minibase.local..";
		return noClasses().that()
			.resideInAPackage("io.minibase." + service + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(forbidden)
			.because("services share only HTTP and event contracts, never code")
			.allowEmptyShould(false);
	}

}
