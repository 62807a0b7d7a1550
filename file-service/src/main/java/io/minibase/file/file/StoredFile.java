package io.minibase.file.file;

import java.time.Instant;

/** The metadata of one upload; its bytes are in the storage under {@code storageKey}. */
record StoredFile(long id, long ownerId, String sha256, String storageKey, String contentType, long sizeBytes,
		Integer width, Integer height, boolean animated, String originalName, Instant createdAt) {

	ImageType type() {
		return ImageType.ofContentType(this.contentType).orElseThrow();
	}

}
