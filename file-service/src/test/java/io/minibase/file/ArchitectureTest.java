package io.minibase.file;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.minibase.testsupport.FeatureRules;
import io.minibase.testsupport.FeatureRules.KnownDependency;
import io.minibase.testsupport.ServiceBoundaries;

/**
 * The rules of file-service's own production classes (FeatureRules says what each means).
 */
@AnalyzeClasses(packages = "io.minibase.file", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	private static final String MAPPER = "io.minibase.file.stored.StoredFileMapper";

	@ArchTest
	static final ArchRule fileUsesNoOtherServicesCode = ServiceBoundaries.independentOfOtherServices("file");

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = FeatureRules.featuresFreeOfCycles("file");

	@ArchTest
	static final ArchRule controllersUseNoMappers = FeatureRules.controllersUseNoMappers("file");

	/**
	 * {@code stored_file} is this service's one table, and {@code stored} its one mapper:
	 * each feature below reads or writes its own columns of a stored file through it (a
	 * mapper per feature over one table would scatter its SQL instead).
	 */
	@ArchTest
	static final ArchRule mappersStayInTheirFeature = FeatureRules.mappersStayInTheirFeature("file",
			// upload inserts the row, finds the same bytes again and sums the quota
			KnownDependency.of("io.minibase.file.upload.Uploads", MAPPER),
			KnownDependency.of("io.minibase.file.upload.Uploads", MAPPER + "$NewFile"),
			// delivery finds a file by its id, or by an old number a product kept
			KnownDependency.of("io.minibase.file.delivery.FileDelivery", MAPPER),
			// review claims, records and decides WeChat's media check of a file
			KnownDependency.of("io.minibase.file.review.FileReviews", MAPPER),
			// legacy marks the old numbers a product referenced (ADR 17)
			KnownDependency.of("io.minibase.file.legacy.LegacyReferences", MAPPER),
			// ownership tells other services which files are a user's
			KnownDependency.of("io.minibase.file.ownership.FileOwnership", MAPPER));

	/**
	 * Files are kept through BlobStorage: the S3 SDK is used by its S3 implementation and
	 * by the configuration that builds the client, nowhere else.
	 */
	@ArchTest
	static final ArchRule s3SdkStaysInStorage = FeatureRules.onlyUsedFrom("file", "software.amazon.awssdk..",
			"io.minibase.file.storage..", "io.minibase.file.config..");

}
