package io.minibase.gateway;

import java.util.function.Consumer;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** What every problem answer of the gateway must look like, for the gateway's tests. */
final class ProblemAssertions {

	private ProblemAssertions() {
	}

	/**
	 * An RFC 9457 problem with this status, title and instance, whose {@code traceId}
	 * equals the {@code X-Trace-Id} header, and whose detail names no class;
	 * {@code detail} checks the detail further.
	 */
	static void expectProblem(ResponseSpec response, int status, String title, String path, Consumer<String> detail) {
		String[] headerTraceId = new String[1];
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value("X-Trace-Id", (traceId) -> headerTraceId[0] = traceId)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("about:blank")
			.jsonPath("$.title")
			.isEqualTo(title)
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.instance")
			.isEqualTo(path)
			.jsonPath("$.traceId")
			.value(String.class, (traceId) -> assertThat(traceId).matches("[0-9a-f]{32}").isEqualTo(headerTraceId[0]))
			.jsonPath("$.detail")
			.value(String.class, (text) -> {
				assertThat(text).isNotBlank().doesNotContain("Exception", "java.");
				detail.accept(text);
			});
	}

}
