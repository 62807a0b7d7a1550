package io.minibase.file.review;

import java.time.Instant;

/**
 * Event {@code file.FileReviewed.v1} on {@code file.files.v1}: WeChat's media check
 * passed or rejected a user's upload. On {@code REJECTED} the owners of references to the
 * file (a user's avatar) drop them: the file is never served again.
 */
record FileReviewed(String fileId, String ownerId, String url, String verdict, Instant reviewedAt) {

	static final String TYPE = "file.FileReviewed.v1";

}
