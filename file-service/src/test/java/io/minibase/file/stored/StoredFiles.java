package io.minibase.file.stored;

import java.time.Instant;

/** A stored file as the controller slices see it: one id, one hash, one owner (42). */
public final class StoredFiles {

	public static final String SHA = "ab".repeat(32);

	public static final String REVIEW_TOKEN = "t".repeat(43);

	public static final String ID = "Qm9yaW5nLWJ1dC1yYW5kb2";

	private StoredFiles() {
	}

	/** A public PNG of 300x200 and 5 bytes, owned by user 42. */
	public static StoredFile file(ReviewStatus status) {
		return file(status, Visibility.PUBLIC);
	}

	public static StoredFile file(ReviewStatus status, Visibility visibility) {
		return new StoredFile(7, new FileId(ID), 42, SHA, "originals/ab/" + SHA, "image/png", 5, 300, 200, false,
				"photo.png", Instant.parse("2026-11-22T10:00:00Z"), status, REVIEW_TOKEN, visibility);
	}

}
