package io.minibase.order;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.minibase.testsupport.ServiceBoundaries;

@AnalyzeClasses(packages = "io.minibase")
class ArchitectureTest {

	@ArchTest
	static final ArchRule orderUsesNoOtherServicesCode = ServiceBoundaries.independentOfOtherServices("order");

}
