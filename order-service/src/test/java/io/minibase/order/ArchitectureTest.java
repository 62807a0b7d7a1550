package io.minibase.order;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.minibase.testsupport.FeatureRules;
import io.minibase.testsupport.ServiceBoundaries;

/**
 * The rules of order-service's own production classes (FeatureRules says what each
 * means).
 */
@AnalyzeClasses(packages = "io.minibase.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule orderUsesNoOtherServicesCode = ServiceBoundaries.independentOfOtherServices("order");

	/**
	 * No known cycles: ordering and after-sales call payment, and payment reaches orders
	 * only through its own PayableOrders, which ordering implements.
	 */
	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = FeatureRules.featuresFreeOfCycles("order");

	@ArchTest
	static final ArchRule controllersUseNoMappers = FeatureRules.controllersUseNoMappers("order");

	@ArchTest
	static final ArchRule mappersStayInTheirFeature = FeatureRules.mappersStayInTheirFeature("order");

	/** The rest of the service pays through PaymentProvider, never the WeChat Pay SDK. */
	@ArchTest
	static final ArchRule weChatPaySdkStaysInPayment = FeatureRules.onlyUsedFrom("order", "com.wechat.pay..",
			"io.minibase.order.payment..");

}
