package io.minibase.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundary rule catches a service reaching into another one. The fixtures stand in
 * for two services: {@code io.minibase.catalog} and {@code io.minibase.order}.
 */
class ServiceBoundariesTest {

	private final JavaClasses classes = new ClassFileImporter().importClasses(io.minibase.catalog.Shelf.class,
			io.minibase.order.Basket.class);

	@Test
	void aServiceUsingAnotherServicesClassBreaksTheRule() {
		assertThat(ServiceBoundaries.independentOfOtherServices("order").evaluate(this.classes).hasViolation())
			.isTrue();
	}

	@Test
	void aServiceUsingOnlyItsOwnClassesKeepsTheRule() {
		assertThat(ServiceBoundaries.independentOfOtherServices("catalog").evaluate(this.classes).hasViolation())
			.isFalse();
	}

}
