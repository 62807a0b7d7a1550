package io.minibase.file;

import java.net.http.HttpResponse;

import io.minibase.file.storage.S3Server;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole service with {@code files.storage.type=s3}, against S3Proxy. */
@TestPropertySource(properties = { "files.storage.type=s3", "files.storage.s3.path-style=true",
		"files.storage.s3.prefix=files/", "files.storage.s3.access-key=" + S3Server.ACCESS_KEY,
		"files.storage.s3.secret-key=" + S3Server.SECRET_KEY })
class S3StorageIT extends FileIntegrationTest {

	@DynamicPropertySource
	static void s3(DynamicPropertyRegistry registry) {
		registry.add("files.storage.s3.endpoint", () -> S3Server.endpoint().toString());
		registry.add("files.storage.s3.bucket", () -> S3Server.bucket("files-it"));
	}

	@Test
	void anUploadIsStoredInTheBucketAndServedFromIt() {
		byte[] content = TestImages.image("png", 400, 300, 51);

		JsonNode file = uploaded(newUser(), "s3.png", content);

		String sha256 = file.get("sha256").asString();
		try (S3Client s3 = S3Server.client()) {
			assertThat(s3
				.headObject((request) -> request.bucket("files-it")
					.key("files/originals/" + sha256.substring(0, 2) + "/" + sha256))
				.contentLength()).isEqualTo(content.length);
		}
		HttpResponse<byte[]> whole = download(file.get("url").asString());
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.body()).isEqualTo(content);
		HttpResponse<byte[]> range = download(file.get("url").asString(), "Range", "bytes=100-199");
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).hasSize(100);
	}

	@Test
	void aScaledCopyIsMadeOnceAndStoredInTheBucket() {
		JsonNode file = uploaded(newUser(), "s3-wide.jpg", TestImages.image("jpeg", 800, 400, 52));
		String sha256 = file.get("sha256").asString();

		HttpResponse<byte[]> response = download(file.get("url").asString() + "?w=128");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestImages.size(response.body())).containsExactly(128, 64);
		try (S3Client s3 = S3Server.client()) {
			assertThat(s3
				.headObject((request) -> request.bucket("files-it")
					.key("files/variants/" + sha256.substring(0, 2) + "/" + sha256 + "/w128"))
				.contentType()).isEqualTo("image/jpeg");
		}
	}

}
