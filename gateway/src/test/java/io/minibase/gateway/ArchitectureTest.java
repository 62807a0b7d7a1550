package io.minibase.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.minibase.testsupport.FeatureRules;
import io.minibase.testsupport.ServiceBoundaries;

/**
 * The rules of the gateway's own production classes. It has no controllers and no
 * database, so only these two apply.
 */
@AnalyzeClasses(packages = "io.minibase.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule gatewayUsesNoServicesCode = ServiceBoundaries.independentOfOtherServices("gateway");

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = FeatureRules.featuresFreeOfCycles("gateway");

}
