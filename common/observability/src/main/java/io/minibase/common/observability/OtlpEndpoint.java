package io.minibase.common.observability;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads OpenTelemetry's standard variables, so that a deployment configures trace export
 * the way it does for any other OpenTelemetry program:
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (a base URL such as {@code http://jaeger:4318}, to
 * which {@code /v1/traces} is added) or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (the
 * full URL). Without either, and without Boot's own
 * {@code management.opentelemetry.tracing.export.otlp.endpoint}, no exporter is created:
 * the property is only set when there is a value, since an empty one would still switch
 * the exporter on.
 */
public class OtlpEndpoint implements EnvironmentPostProcessor {

	static final String PROPERTY = "management.opentelemetry.tracing.export.otlp.endpoint";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String endpoint = tracesEndpoint(environment);
		if (endpoint != null) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("minibase-otlp", Map.of(PROPERTY, endpoint)));
		}
	}

	private static String tracesEndpoint(ConfigurableEnvironment environment) {
		if (hasText(environment.getProperty(PROPERTY))) {
			return null;
		}
		String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
		if (hasText(traces)) {
			return traces.strip();
		}
		String base = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
		if (hasText(base)) {
			String stripped = base.strip();
			return (stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped) + "/v1/traces";
		}
		return null;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
