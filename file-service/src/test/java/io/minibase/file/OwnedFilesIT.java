package io.minibase.file;

import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.stream.Collectors;

import io.minibase.file.stored.FileId;
import io.minibase.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /internal/files/owned}: which of the given ids the user of the passed-on
 * token uploaded, as order-service asks it for an after-sale's photos.
 */
class OwnedFilesIT extends FileIntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void ofTheIdsGivenOnlyTheCallersOwnPublicAndPrivateFilesAreOwned() {
		long buyer = newUser();
		String mine = id(uploaded(buyer, "mine.png", TestImages.image("png", 20, 10, 61)));
		String secret = id(upload(buyer, "secret.png", "image/png", TestImages.image("png", 20, 10, 62), "private"));
		String rejected = id(uploaded(buyer, "rejected.png", TestImages.image("png", 20, 10, 63)));
		this.jdbc.update("UPDATE stored_file SET review_status = 'REJECTED' WHERE public_id = ?", rejected);
		// another user's upload of the very same bytes is theirs, not the buyer's
		String others = id(uploaded(newUser(), "others.png", TestImages.image("png", 20, 10, 61)));

		HttpResponse<String> answer = owned(buyer, others, secret, "not-a-file-id", FileId.random().value(), mine,
				rejected, mine);

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(body(answer).get("owned").valueStream().map(JsonNode::asString)).containsExactly(secret, mine);
	}

	@Test
	void withoutATokenItIs401AndOverAHundredIdsIs400() {
		HttpResponse<String> anonymous = send(request("/internal/files/owned?ids=" + FileId.random()).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		HttpResponse<String> tooMany = owned(newUser(),
				Collections.nCopies(101, FileId.random().value()).toArray(String[]::new));
		assertThat(tooMany.statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> owned(long user, String... ids) {
		String query = java.util.Arrays.stream(ids).map((id) -> "ids=" + id).collect(Collectors.joining("&"));
		return send(request("/internal/files/owned?" + query)
			.header("Authorization", "Bearer " + TestTokens.user(String.valueOf(user)))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String id(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return body(response).get("id").asString();
	}

	private static String id(JsonNode file) {
		return file.get("id").asString();
	}

}
