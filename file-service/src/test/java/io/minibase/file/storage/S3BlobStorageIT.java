package io.minibase.file.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3 backend against an S3-protocol server (S3Proxy in the test JVM). */
class S3BlobStorageIT {

	private S3BlobStorage storage;

	@TempDir
	Path folder;

	@BeforeEach
	void connect() {
		this.storage = new S3BlobStorage(S3Server.client(), S3Server.bucket("storage-it"), "test/");
	}

	@AfterEach
	void close() {
		this.storage.close();
	}

	@Test
	void bytesPutUnderAKeyAreReadBackWithTheirLength() throws IOException {
		byte[] content = new byte[300_000];
		new Random(1).nextBytes(content);
		Path file = Files.write(this.folder.resolve("blob"), content);

		assertThat(this.storage.exists("originals/ab/round-trip")).isFalse();
		assertThat(this.storage.get("originals/ab/round-trip")).isEmpty();
		this.storage.put("originals/ab/round-trip", file, "image/png");

		assertThat(this.storage.exists("originals/ab/round-trip")).isTrue();
		Resource resource = this.storage.get("originals/ab/round-trip").orElseThrow();
		assertThat(resource.contentLength()).isEqualTo(content.length);
		try (InputStream in = resource.getInputStream()) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		try (var s3 = S3Server.client()) {
			assertThat(s3.headObject((request) -> request.bucket("storage-it").key("test/originals/ab/round-trip"))
				.contentType()).as("under the prefix, with its type").isEqualTo("image/png");
		}
	}

	@Test
	void puttingAKeyAgainReplacesItWhole() throws IOException {
		this.storage.put("k/again", Files.write(this.folder.resolve("one"), new byte[] { 1, 2, 3 }), "image/gif");
		this.storage.put("k/again", Files.write(this.folder.resolve("two"), new byte[] { 4, 5 }), "image/gif");

		try (InputStream in = this.storage.get("k/again").orElseThrow().getInputStream()) {
			assertThat(in.readAllBytes()).containsExactly(4, 5);
		}
	}

}
