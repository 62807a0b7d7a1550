package io.minibase.common.observability;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpEndpointTest {

	@Test
	void theStandardBaseUrlGetsTheTracesPath() {
		assertThat(endpoint(new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318/")))
			.isEqualTo("http://jaeger:4318/v1/traces");
	}

	@Test
	void theTracesUrlIsTakenAsItIs() {
		assertThat(endpoint(new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://ignored:4318")
			.withProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/custom/traces")))
			.isEqualTo("http://collector:4318/custom/traces");
	}

	@Test
	void bootsOwnPropertyWins() {
		assertThat(endpoint(new MockEnvironment().withProperty(OtlpEndpoint.PROPERTY, "http://boot:4318/v1/traces")
			.withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318")))
			.isEqualTo("http://boot:4318/v1/traces");
	}

	@Test
	void withoutAnEndpointNothingIsSetSoNoExporterIsCreated() {
		MockEnvironment environment = new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", " ");
		new OtlpEndpoint().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.containsProperty(OtlpEndpoint.PROPERTY)).isFalse();
	}

	private static String endpoint(MockEnvironment environment) {
		new OtlpEndpoint().postProcessEnvironment(environment, new SpringApplication());
		return environment.getProperty(OtlpEndpoint.PROPERTY);
	}

}
