package io.minibase.file.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalBlobStorageTest {

	@TempDir
	Path root;

	@TempDir
	Path elsewhere;

	@Test
	void aPutKeyIsReadBackWithItsLengthAndLeavesNothingBehind() throws IOException {
		LocalBlobStorage storage = new LocalBlobStorage(this.root);
		Path file = Files.write(this.elsewhere.resolve("upload"), new byte[] { 1, 2, 3 });

		storage.put("originals/ab/abc", file, "image/png");

		assertThat(storage.exists("originals/ab/abc")).isTrue();
		Resource resource = storage.get("originals/ab/abc").orElseThrow();
		assertThat(resource.contentLength()).isEqualTo(3);
		try (InputStream in = resource.getInputStream()) {
			assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
		}
		try (var incoming = Files.list(this.root.resolve(".incoming"))) {
			assertThat(incoming).isEmpty();
		}
		assertThat(storage.get("originals/ab/none")).isEmpty();
	}

	@Test
	void aKeyCannotLeaveTheRoot() throws IOException {
		LocalBlobStorage storage = new LocalBlobStorage(this.root);
		Path file = Files.write(this.elsewhere.resolve("upload"), new byte[] { 1 });

		assertThatIllegalArgumentException().isThrownBy(() -> storage.put("../escaped", file, "image/png"));
		assertThatIllegalArgumentException().isThrownBy(() -> storage.get("/etc/passwd"));
		assertThat(Files.exists(this.root.resolveSibling("escaped"))).isFalse();
	}

}
