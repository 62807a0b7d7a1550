package io.minibase.order.ordering;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.minibase.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead letters in the admin API, as the console's operators reach them through the
 * gateway (ADR 20): an admin reads them; a replay needs the operator's credential as
 * well, which an admin's token is not.
 */
class DeadLettersInTheAdminApiIT extends OrderIntegrationTest {

	private static final String LIST = "/api/admin/dead-letters/order";

	private static final String REPLAY = LIST + "/order.orders.v1/replay";

	@Test
	void anAdminSeesWhatWaitsPerTopic() throws Exception {
		HttpResponse<String> waiting = send(request(LIST, TestTokens.token("ADMIN")).GET());
		assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(200);
		assertThat(body(waiting).get("service").asString()).isEqualTo("order");
		assertThat(waiting.body()).contains("\"topic\":\"order.orders.v1\"").contains("\"waiting\":");

		assertThat(send(request(LIST, TestTokens.token("USER")).GET()).statusCode()).isEqualTo(403);
		assertThat(send(request("/api/admin/dead-letters/catalog", TestTokens.token("ADMIN")).GET()).statusCode())
			.isEqualTo(404);
	}

	@Test
	void anAdminsTokenAloneReplaysNothing() throws Exception {
		for (String credential : new String[] { null, basic("operator", "not-the-password"),
				basic("admin", OPERATOR_PASSWORD) }) {
			HttpRequest.Builder replay = request(REPLAY, TestTokens.token("ADMIN"));
			if (credential != null) {
				replay.header("Operator-Authorization", credential);
			}
			HttpResponse<String> answer = send(replay.POST(HttpRequest.BodyPublishers.noBody()));
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	@Test
	void anAdminWithTheOperatorsCredentialReplays() throws Exception {
		HttpResponse<String> replayed = send(request(REPLAY, TestTokens.token("ADMIN"))
			.header("Operator-Authorization", basic("operator", OPERATOR_PASSWORD))
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		assertThat(body(replayed).get("topic").asString()).isEqualTo("order.orders.v1");
		HttpResponse<String> unknown = send(request(LIST + "/nope.v1/replay", TestTokens.token("ADMIN"))
			.header("Operator-Authorization", basic("operator", OPERATOR_PASSWORD))
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(unknown.statusCode()).isEqualTo(404);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
