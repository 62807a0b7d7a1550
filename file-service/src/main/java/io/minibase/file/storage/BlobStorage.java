package io.minibase.file.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.core.io.Resource;

/**
 * Where file bytes live, by key. Keys are made by file-service from content hashes, never
 * from a client's file name. Writing a key twice is harmless (the same key always gets
 * the same bytes), which is what makes concurrent identical uploads and concurrent first
 * requests for one image size safe without a lock across instances.
 */
public interface BlobStorage {

	/** Whether {@code key} holds bytes. */
	boolean exists(String key) throws IOException;

	/** Stores the content of {@code file} under {@code key}, replacing it whole. */
	void put(String key, Path file, String contentType) throws IOException;

	/**
	 * The bytes under {@code key}, opened only when read; its {@code contentLength()} is
	 * known without reading.
	 */
	Optional<Resource> get(String key) throws IOException;

}
