package io.minibase.box;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each member is configured as if its own class path were the JVM's: what another
 * member's libraries bring is excluded.
 */
class MemberSettingsTest {

	private static final MemberSettings BOX = MemberSettings.of(Map.of("spring-boot-jdbc-4.0.7.jar",
			List.of("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"),
			"spring-boot-tomcat-4.0.7.jar",
			List.of("org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration"),
			"spring-cloud-gateway-server-webflux-5.0.2.jar",
			List.of("org.springframework.cloud.gateway.config.GatewayAutoConfiguration",
					"org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration"),
			"spring-boot-4.0.7.jar", List.of(), "micrometer-registry-otlp-1.16.6.jar", List.of()));

	@Test
	void theGatewayLeavesOutTheServicesJdbcAndTomcat() {
		Member gateway = new Member(
				"gateway", Path.of("gateway.jar"), Set.of("spring-boot-4.0.7.jar",
						"spring-cloud-gateway-server-webflux-5.0.2.jar", "micrometer-registry-otlp-1.16.6.jar"),
				WebApplicationType.REACTIVE, Map.of());

		List<String> arguments = List.of(BOX.arguments(gateway, true));

		assertThat(arguments).contains("--spring.autoconfigure.exclude="
				+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
				+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration");
		assertThat(arguments).contains("--spring.cloud.gateway.server.webflux.enabled=true")
			.doesNotContain("--management.otlp.metrics.export.enabled=false");
	}

	@Test
	void aServiceLeavesOutTheGatewaysLibraries() {
		Member order = new Member("order-service", Path.of("order-service.jar"),
				Set.of("spring-boot-4.0.7.jar", "spring-boot-jdbc-4.0.7.jar", "spring-boot-tomcat-4.0.7.jar"),
				WebApplicationType.SERVLET, Map.of());

		List<String> arguments = List.of(BOX.arguments(order, true));

		assertThat(arguments).contains(
				"--spring.autoconfigure.exclude=" + "org.springframework.cloud.gateway.config.GatewayAutoConfiguration,"
						+ "org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration");
		assertThat(arguments).contains("--spring.cloud.gateway.server.webflux.enabled=false",
				"--management.otlp.metrics.export.enabled=false");
	}

	@Test
	void everyMemberLogsThroughTheBoxsOneConfiguration() {
		Member file = new Member("file-service", Path.of("file-service.jar"), Set.of(), WebApplicationType.SERVLET,
				Map.of());

		assertThat(BOX.arguments(file, true)).contains("--logging.config=classpath:io/minibase/box/logback-box.xml",
				"--logging.include-application-name=false");
	}

	@Test
	void onlyTheFirstMemberCountsLogEventsForTheOneLoggingSystem() {
		Member first = new Member("auth-service", Path.of("auth-service.jar"), Set.of("spring-boot-4.0.7.jar"),
				WebApplicationType.SERVLET, Map.of());
		Member next = new Member("catalog-service", Path.of("catalog-service.jar"), Set.of("spring-boot-4.0.7.jar"),
				WebApplicationType.SERVLET, Map.of());

		assertThat(String.join(" ", BOX.arguments(first, true))).doesNotContain(MemberSettings.LOGBACK_METRICS);
		assertThat(String.join(" ", BOX.arguments(next, false))).contains(MemberSettings.LOGBACK_METRICS);
	}

}
