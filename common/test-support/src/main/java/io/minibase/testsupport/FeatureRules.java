package io.minibase.testsupport;

import java.util.List;
import java.util.Optional;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceRule;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules inside one service: its code is packaged by feature
 * ({@code io.minibase.<service>.<feature>}), and the features stay apart. Each service's
 * {@code ArchitectureTest} applies them to its own production classes, with the
 * exceptions it has today listed there, so that a new violation fails the build. Every
 * rule fails on an empty selection: a rule that checks nothing is a failure, not a pass.
 */
public final class FeatureRules {

	private static final String MAPPER = "org.apache.ibatis.annotations.Mapper";

	private FeatureRules() {
	}

	/**
	 * No cycle between the feature packages of {@code service}. {@code knownCycles} are
	 * the dependencies that close a cycle the code has today, each one class on another;
	 * they are left out of the check, so any other dependency that closes a cycle,
	 * between those features too, still fails.
	 */
	public static ArchRule featuresFreeOfCycles(String service, KnownDependency... knownCycles) {
		SliceRule rule = slices().matching(featurePackages(service)).namingSlices("$1").should().beFreeOfCycles();
		for (KnownDependency known : knownCycles) {
			rule = rule.ignoreDependency(known.origin(), known.target());
		}
		return rule.allowEmptyShould(false);
	}

	/**
	 * Controllers ({@code @RestController}, {@code @Controller}) do not use MyBatis
	 * mappers (nor the types nested in them): a controller calls the feature's service,
	 * which owns the transaction, the cache and the events around the SQL.
	 */
	public static ArchRule controllersUseNoMappers(String service) {
		return noClasses().that()
			.resideInAPackage(servicePackages(service))
			.and(annotatedWith("org.springframework.web.bind.annotation.RestController")
				.or(annotatedWith("org.springframework.stereotype.Controller")))
			.should()
			.dependOnClassesThat(mybatisMappers())
			.because("a controller goes through the feature's service, never straight to its SQL")
			.allowEmptyShould(false);
	}

	/**
	 * A feature's MyBatis mappers (and the types nested in them) are used by that feature
	 * only: another feature goes through its service, which keeps its cache and events
	 * right. {@code shared} are the uses of another feature's mapper that are there on
	 * purpose, each a class (origin) on a mapper (target); the caller says why beside
	 * each. Any other class using that mapper still fails.
	 */
	public static ArchRule mappersStayInTheirFeature(String service, KnownDependency... shared) {
		List<KnownDependency> allowed = List.of(shared);
		String prefix = "io.minibase." + service + ".";
		ArchCondition<JavaClass> useOnlyTheirOwnFeaturesMappers = new ArchCondition<>(
				"use only the MyBatis mappers of their own feature") {

			@Override
			public void check(JavaClass origin, ConditionEvents events) {
				for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
					Optional<JavaClass> mapper = mapperOf(dependency.getTargetClass());
					if (mapper.isPresent() && !feature(prefix, origin).equals(feature(prefix, mapper.get()))
							&& !allowed.contains(KnownDependency.of(origin.getName(), mapper.get().getName()))) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}

		};
		return classes().that()
			.resideInAPackage(servicePackages(service))
			.should(useOnlyTheirOwnFeaturesMappers)
			.because("a feature's SQL is its own; other features call its service")
			.allowEmptyShould(false);
	}

	/**
	 * The classes of {@code packages} (a library, e.g. an SDK) are used only from
	 * {@code owners}, the packages of {@code service} that wrap it.
	 */
	public static ArchRule onlyUsedFrom(String service, String packages, String... owners) {
		return noClasses().that()
			.resideInAPackage(servicePackages(service))
			.and()
			.resideOutsideOfPackages(owners)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(packages)
			.allowEmptyShould(false);
	}

	/** MyBatis mappers ({@code @Mapper}) and the types nested in them. */
	public static DescribedPredicate<JavaClass> mybatisMappers() {
		return DescribedPredicate.describe("are MyBatis mappers (@Mapper) or nested in one",
				(javaClass) -> mapperOf(javaClass).isPresent());
	}

	private static Optional<JavaClass> mapperOf(JavaClass javaClass) {
		for (Optional<JavaClass> candidate = Optional.of(javaClass); candidate
			.isPresent(); candidate = candidate.get().getEnclosingClass()) {
			if (candidate.get().isAnnotatedWith(MAPPER)) {
				return candidate;
			}
		}
		return Optional.empty();
	}

	private static String feature(String prefix, JavaClass javaClass) {
		String packageName = javaClass.getPackageName() + ".";
		if (!packageName.startsWith(prefix)) {
			return packageName;
		}
		String rest = packageName.substring(prefix.length());
		// the service's root package (the application class) is a feature of its own
		return rest.isEmpty() ? "" : rest.substring(0, rest.indexOf('.'));
	}

	private static String featurePackages(String service) {
		return "io.minibase." + service + ".(*)..";
	}

	private static String servicePackages(String service) {
		return "io.minibase." + service + "..";
	}

	/**
	 * One class's dependency on another, by fully qualified name: an exception a service
	 * lists, with the reason in a comment beside it.
	 */
	public record KnownDependency(String origin, String target) {

		public static KnownDependency of(String origin, String target) {
			return new KnownDependency(origin, target);
		}

	}

}
