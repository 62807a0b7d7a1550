package io.minibase.catalog;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.minibase.testsupport.FeatureRules;
import io.minibase.testsupport.FeatureRules.KnownDependency;
import io.minibase.testsupport.ServiceBoundaries;

/**
 * The rules of catalog-service's own production classes (FeatureRules says what each
 * means).
 */
@AnalyzeClasses(packages = "io.minibase.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule catalogUsesNoOtherServicesCode = ServiceBoundaries.independentOfOtherServices("catalog");

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = FeatureRules.featuresFreeOfCycles("catalog");

	@ArchTest
	static final ArchRule controllersUseNoMappers = FeatureRules.controllersUseNoMappers("catalog");

	@ArchTest
	static final ArchRule mappersStayInTheirFeature = FeatureRules.mappersStayInTheirFeature("catalog",
			// Product publishes the statements that move its stock to the stock
			// feature, so that one feature owns what a product's rows may become
			// (ProductStockMapper's javadoc); stock runs them in its transaction.
			KnownDependency.of("io.minibase.catalog.stock.StockService",
					"io.minibase.catalog.product.ProductStockMapper"),
			KnownDependency.of("io.minibase.catalog.stock.StockLedger",
					"io.minibase.catalog.product.ProductStockMapper"));

}
