package io.minibase.auth;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.minibase.testsupport.FeatureRules;
import io.minibase.testsupport.FeatureRules.KnownDependency;
import io.minibase.testsupport.ServiceBoundaries;

/**
 * The rules of auth-service's own production classes (FeatureRules says what each means).
 */
@AnalyzeClasses(packages = "io.minibase.auth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule authUsesNoOtherServicesCode = ServiceBoundaries.independentOfOtherServices("auth");

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = FeatureRules.featuresFreeOfCycles("auth",
			// Known cycle user <-> token: Tokens asks Users whether a user is
			// disabled and for their roles, and Users marks a disabled user in
			// Redis through token's DisabledUsers (the key the gateway checks).
			KnownDependency.of("io.minibase.auth.user.Users", "io.minibase.auth.token.DisabledUsers"),
			// Known cycle user <-> phone: PhoneNumbers binds a number to a User
			// through Users, and the profile's UserController offers that
			// binding (POST /api/users/me/phone).
			KnownDependency.of("io.minibase.auth.user.UserController", "io.minibase.auth.phone.PhoneNumbers"));

	@ArchTest
	static final ArchRule controllersUseNoMappers = FeatureRules.controllersUseNoMappers("auth");

	@ArchTest
	static final ArchRule mappersStayInTheirFeature = FeatureRules.mappersStayInTheirFeature("auth",
			// The service_secret table holds wechat's session-key secret and
			// phone's cipher key; the phone feature reads and creates its own row.
			KnownDependency.of("io.minibase.auth.phone.PhoneCipher", "io.minibase.auth.wechat.ServiceSecretMapper"));

}
