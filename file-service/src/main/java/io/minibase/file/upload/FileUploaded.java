package io.minibase.file.upload;

import java.time.Instant;

/**
 * Event {@code file.FileUploaded.v1} on {@code file.files.v1}: a user stored a new file
 * (not sent again when the same user uploads the same bytes again). {@code visibility}
 * ({@code PUBLIC} or {@code PRIVATE}) was added later: events from before lack it, and
 * their files are public.
 */
record FileUploaded(String fileId, String ownerId, String url, String contentType, long size, String sha256,
		Integer width, Integer height, Instant uploadedAt, String visibility) {

	static final String TYPE = "file.FileUploaded.v1";

}
