package io.minibase.file;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.minibase.common.events.Outbox;
import io.minibase.file.stored.FileId;
import io.minibase.testsupport.EventSchemas;
import io.minibase.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ids nobody can derive from another (ADR 17), old numeric URLs only for files a product
 * referenced, and private files for their owner only.
 */
class UnguessableIdsIT extends FileIntegrationTest {

	/** What catalog-service publishes, and where (legacy/CatalogEventConsumer). */
	private static final String CATALOG_PRODUCTS = "catalog.products.v1";

	private static final String LEGACY_IMAGES_REFERENCED = "catalog.LegacyImagesReferenced.v1";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void uploadsGetRandomIdsAndTheirRowNumbersAreNoUrl() {
		long user = newUser();
		JsonNode first = uploaded(user, "a.png", TestImages.image("png", 10, 10, 301));
		JsonNode second = uploaded(user, "b.png", TestImages.image("png", 10, 10, 302));

		assertThat(first.get("id").asString()).matches("[A-Za-z0-9_-]{22}");
		assertThat(second.get("id").asString()).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(first.get("id").asString());
		assertThat(first.get("url").asString()).isEqualTo("/api/files/" + first.get("id").asString());
		long row = rowOf(second);
		assertThat(download("/api/files/" + row).statusCode()).isEqualTo(404);
		assertThat(download("/api/files/" + (row - 1)).statusCode()).isEqualTo(404);
		assertThat(download(second.get("url").asString()).statusCode()).isEqualTo(200);
	}

	@Test
	void anOldNumericUrlWorksOnlyForAFileAProductReferenced() {
		JsonNode referenced = uploaded(newUser(), "product.png", TestImages.image("png", 12, 12, 303));
		JsonNode unreferenced = uploaded(newUser(), "avatar.png", TestImages.image("png", 12, 12, 304));
		// as V4 leaves files from before it: their number kept as legacy_id
		long referencedNumber = migrated(referenced);
		long unreferencedNumber = migrated(unreferenced);
		assertThat(download("/api/files/" + referencedNumber).statusCode()).as("before catalog-service told")
			.isEqualTo(404);

		String event = """
				{"productId":"9001","fileIds":["%d","999999999999"],"at":"2026-11-22T10:00:00Z"}"""
			.formatted(referencedNumber);
		EventSchemas.assertConforms(LEGACY_IMAGES_REFERENCED, event);
		this.transactions.executeWithoutResult(
				(tx) -> this.outbox.append(CATALOG_PRODUCTS, LEGACY_IMAGES_REFERENCED, "9001", json.readTree(event)));

		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> download("/api/files/" + referencedNumber).statusCode() == 200);
		HttpResponse<byte[]> old = download("/api/files/" + referencedNumber + "?w=64");
		assertThat(old.statusCode()).isEqualTo(200);
		assertThat(download("/api/files/" + referencedNumber).headers().firstValue("ETag"))
			.hasValue("\"" + referenced.get("sha256").asString() + "\"");
		assertThat(download("/api/files/" + unreferencedNumber).statusCode()).isEqualTo(404);
		assertThat(download("/api/files/999999999999").statusCode()).isEqualTo(404);
	}

	@Test
	void aPrivateFileIsItsOwnersAndThe404OfNoFileForEveryoneElse() {
		long owner = newUser();
		byte[] content = TestImages.image("jpeg", 400, 300, 305);
		HttpResponse<String> response = uploadWith(owner, content, "private");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode file = body(response);
		assertThat(file.get("visibility").asString()).isEqualTo("private");
		String url = file.get("url").asString();
		String owners = "Bearer " + TestTokens.user(String.valueOf(owner));

		HttpResponse<byte[]> mine = download(url, "Authorization", owners);
		assertThat(mine.statusCode()).isEqualTo(200);
		assertThat(mine.body()).isEqualTo(content);
		assertThat(mine.headers().firstValue("Cache-Control")).hasValue("no-cache, private");
		String etag = mine.headers().firstValue("ETag").orElseThrow();
		assertThat(download(url, "Authorization", owners, "If-None-Match", etag).statusCode()).isEqualTo(304);
		HttpResponse<byte[]> part = download(url, "Authorization", owners, "Range", "bytes=0-9");
		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.body()).hasSize(10);
		HttpResponse<byte[]> scaled = download(url + "?w=128", "Authorization", owners);
		assertThat(scaled.statusCode()).isEqualTo(200);
		assertThat(scaled.headers().firstValue("ETag")).hasValue("\"" + file.get("sha256").asString() + "-w128\"");
		assertThat(scaled.headers().firstValue("Cache-Control")).hasValue("no-cache, private");

		String absent = new String(download("/api/files/" + FileId.random()).body());
		for (HttpResponse<byte[]> others : java.util.List.of(download(url),
				download(url, "Authorization", "Bearer " + TestTokens.user(String.valueOf(newUser()))),
				download(url + "?w=128"), download(url, "Range", "bytes=0-9"), download(url, "If-None-Match", etag))) {
			assertThat(others.statusCode()).isEqualTo(404);
			assertThat(others.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(new String(others.body()).replaceAll("\"(instance|traceId)\":\"[^\"]*\"", ""))
				.as("the same answer as for no file")
				.isEqualTo(absent.replaceAll("\"(instance|traceId)\":\"[^\"]*\"", ""));
		}
	}

	@Test
	void theSameBytesUploadedPublicAndPrivateAreTwoFiles() {
		long owner = newUser();
		byte[] content = TestImages.image("png", 14, 14, 306);
		JsonNode shown = uploaded(owner, "shown.png", content);
		JsonNode hidden = body(uploadWith(owner, content, "private"));

		assertThat(hidden.get("id").asString()).isNotEqualTo(shown.get("id").asString());
		assertThat(download(shown.get("url").asString()).statusCode()).isEqualTo(200);
		assertThat(download(hidden.get("url").asString()).statusCode()).isEqualTo(404);
		assertThat(body(uploadWith(owner, content, "private")).get("id").asString()).as("once per visibility")
			.isEqualTo(hidden.get("id").asString());
	}

	private HttpResponse<String> uploadWith(long user, byte[] content, String visibility) {
		return upload(user, "x.jpg", "application/octet-stream", content, visibility);
	}

	private long rowOf(JsonNode file) {
		return this.jdbc.queryForObject("SELECT id FROM stored_file WHERE public_id = ?", Long.class,
				file.get("id").asString());
	}

	private long migrated(JsonNode file) {
		long row = rowOf(file);
		this.jdbc.update("UPDATE stored_file SET legacy_id = id WHERE id = ?", row);
		return row;
	}

}
