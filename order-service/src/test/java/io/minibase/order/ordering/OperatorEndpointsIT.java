package io.minibase.order.ordering;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.minibase.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator as someone on the box meets it: reading is open, replaying dead letters
 * needs the operator's credential, which neither a user's nor an admin's token is.
 */
class OperatorEndpointsIT extends OrderIntegrationTest {

	private static final String REPLAY = "/actuator/deadletters/order.orders.v1";

	@Test
	void readingIsOpen() throws Exception {
		assertThat(send(anonymous("/actuator/health/readiness").GET()).statusCode()).isEqualTo(200);
		HttpResponse<String> waiting = send(anonymous("/actuator/deadletters").GET());
		assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(200);
	}

	@Test
	void replayWithoutTheOperatorsCredentialIs401AndChangesNothing() throws Exception {
		for (HttpRequest.Builder refused : new HttpRequest.Builder[] { anonymous(REPLAY),
				request(REPLAY, TestTokens.token("ADMIN")), basic("operator", "not-the-password"),
				basic("admin", OPERATOR_PASSWORD) }) {
			HttpResponse<String> answer = send(refused.POST(HttpRequest.BodyPublishers.noBody()));
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(answer.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic realm=\"operator\""));
			assertThat(body(answer).get("status").asInt()).isEqualTo(401);
		}
	}

	@Test
	void replayWithTheOperatorsCredentialRuns() throws Exception {
		HttpResponse<String> replayed = send(
				basic("operator", OPERATOR_PASSWORD).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
	}

	private HttpRequest.Builder anonymous(String path) {
		return HttpRequest.newBuilder(request(path, "unused").build().uri());
	}

	private HttpRequest.Builder basic(String user, String password) {
		return anonymous(REPLAY).header("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

}
