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
	void sqlRunForARequestIsObservedByItsStatement() throws Exception {
		SqlRequest sql = sqlRequest();
		double before = statementsObserved(sql.statement());
		HttpResponse<String> response = this.http.send(sql.request().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isLessThan(500);
		assertThat(statementsObserved(sql.statement())).as("jdbc_statement_seconds_count of %s", sql.statement())
			.isGreaterThan(before);
	}

	/**
	 * A request of this service that runs a MyBatis statement, and that statement's id as
	 * its observation names it ({@code Mapper.method}).
	 */
	protected abstract SqlRequest sqlRequest();

	/** A request, built with {@link #request(String)}, and the statement it runs. */
	public record SqlRequest(HttpRequest.Builder request, String statement) {
	}

	/**
	 * The count of the statement's timer, summed over its tags; 0 before its first run.
	 */
	private double statementsObserved(String statement) throws Exception {
		String tag = "statement=\"" + statement + "\"";
		return get("/actuator/prometheus").body()
			.lines()
			.filter((line) -> line.startsWith("jdbc_statement_seconds_count{") && line.contains(tag))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
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
