package io.minibase.file.file;

import java.time.Instant;

/**
 * The metadata of one upload; its bytes are in the storage under {@code storageKey}. The
 * review token lets WeChat download it while it is checked.
 */
record StoredFile(long id, long ownerId, String sha256, String storageKey, String contentType, long sizeBytes,
		Integer width, Integer height, boolean animated, String originalName, Instant createdAt,
		ReviewStatus reviewStatus, String reviewToken) {

	@Override
	public String toString() {
		return "StoredFile[id=" + this.id + ", " + this.reviewStatus + "]";
	}

	ImageType type() {
		return ImageType.ofContentType(this.contentType).orElseThrow();
	}

}
