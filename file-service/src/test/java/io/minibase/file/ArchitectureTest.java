package io.minibase.file;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.minibase.testsupport.FeatureRules;
import io.minibase.testsupport.ServiceBoundaries;

/**
 * The rules of file-service's own production classes (FeatureRules says what each means).
 */
@AnalyzeClasses(packages = "io.minibase.file", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule fileUsesNoOtherServicesCode = ServiceBoundaries.independentOfOtherServices("file");

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = FeatureRules.featuresFreeOfCycles("file");

	@ArchTest
	static final ArchRule controllersUseNoMappers = FeatureRules.controllersUseNoMappers("file");

	@ArchTest
	static final ArchRule mappersStayInTheirFeature = FeatureRules.mappersStayInTheirFeature("file");

	/**
	 * Files are kept through BlobStorage: the S3 SDK is used by its S3 implementation and
	 * by the configuration that builds the client, nowhere else.
	 */
	@ArchTest
	static final ArchRule s3SdkStaysInStorage = FeatureRules.onlyUsedFrom("file", "software.amazon.awssdk..",
			"io.minibase.file.storage..", "io.minibase.file.config..");

}
