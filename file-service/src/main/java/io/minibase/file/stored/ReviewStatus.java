package io.minibase.file.stored;

/** Where a file stands with WeChat's media check. */
public enum ReviewStatus {

	/** Needs no check: an admin's upload, or one from before the check. Served to all. */
	TRUSTED,
	/** Waiting for the check: served to its owner (and to WeChat, to check it) only. */
	PENDING,
	/** Passed the check: served to all. */
	PASSED,
	/** Failed the check: never served again (410). */
	REJECTED;

	public boolean servedToAll() {
		return this == TRUSTED || this == PASSED;
	}

}
