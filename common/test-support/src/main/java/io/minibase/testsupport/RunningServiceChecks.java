package io.minibase.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every running service must do, checked over real HTTP against the started
 * application: health probes, Prometheus metrics, its OpenAPI description, problem+json
 * for unknown paths, and the caller's W3C trace continued into {@code X-Trace-Id}. A
 * service's integration test extends it and says where the service listens.
 */
public abstract class RunningServiceChecks {

	private static final String TRACE_ID_PATTERN = "[0-9a-f]{32}";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Value("${spring.application.name}")
	private String applicationName;

	@Test
	void livenessAndReadinessProbesAreUp() throws Exception {
		for (String probe : new String[] { "liveness", "readiness" }) {
			HttpResponse<String> response = get("/actuator/health/" + probe);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(response.body()).contains("\"UP\"");
		}
	}

	@Test
	void prometheusMetricsAreTaggedWithTheApplication() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes")
			.contains("application=\"" + this.applicationName + "\"");
	}

	@Test
	void sqlRunForARequestIsObserved() throws Exception {
		// the full health check asks the database, inside the request's observation
		get("/actuator/health");
		assertThat(get("/actuator/prometheus").body()).contains("jdbc_connection_seconds_count");
	}

	@Test
	void publishesItsOpenApiDescription() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"openapi\"");
	}

	@Test
	void anUnknownPathIsAProblemCarryingTheTraceId() throws Exception {
		HttpResponse<String> response = get("/api/no-such-thing");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		assertThat(traceId).matches(TRACE_ID_PATTERN);
		assertThat(response.body()).contains("\"status\":404")
			.contains("\"instance\":\"/api/no-such-thing\"")
			.contains("\"traceId\":\"" + traceId + "\"")
			.doesNotContain("Exception");
	}

	@Test
	void continuesTheCallersTrace() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		HttpRequest request = request("/actuator/health/liveness")
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("X-Trace-Id")).hasValue(traceId);
	}

	protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
	}

	protected HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
	}

}
