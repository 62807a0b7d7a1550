package io.minibase.file.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Blobs as files under one folder. A write goes to a temporary file in the same folder
 * and is then moved into place atomically, so a reader sees either nothing or all bytes.
 */
public class LocalBlobStorage implements BlobStorage {

	private final Path root;

	private final Path incoming;

	public LocalBlobStorage(Path root) throws IOException {
		this.root = root.toAbsolutePath().normalize();
		this.incoming = this.root.resolve(".incoming");
		Files.createDirectories(this.incoming);
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(resolve(key));
	}

	@Override
	public void put(String key, Path file, String contentType) throws IOException {
		Path target = resolve(key);
		Files.createDirectories(target.getParent());
		Path temporary = this.incoming.resolve(UUID.randomUUID() + ".part");
		try {
			Files.copy(file, temporary);
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	@Override
	public Optional<Resource> get(String key) {
		Path path = resolve(key);
		return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
	}

	private Path resolve(String key) {
		// keys are built from hex digests, but a key must never climb out of the root
		Path path = this.root.resolve(key).normalize();
		if (!path.startsWith(this.root) || path.startsWith(this.incoming)) {
			throw new IllegalArgumentException("Invalid storage key");
		}
		return path;
	}

}
