package io.minibase.file.delivery;

import java.io.IOException;
import java.util.Optional;

import io.minibase.common.web.Ids;
import io.minibase.file.storage.BlobStorage;
import io.minibase.file.stored.FileId;
import io.minibase.file.stored.StoredFile;
import io.minibase.file.stored.StoredFileMapper;

import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/** Finds the file a path names and reads its original bytes, for delivery. */
@Service
class FileDelivery {

	private final StoredFileMapper files;

	private final BlobStorage storage;

	FileDelivery(StoredFileMapper files, BlobStorage storage) {
		this.files = files;
		this.storage = storage;
	}

	/**
	 * A file by the id its path carries, or 404: a random id, or the number of a file
	 * from before ids were random, when a product referenced it then (ADR 17). Who may
	 * see it is {@link StoredFile#deliveryTo}'s to say.
	 */
	StoredFile find(String id) {
		StoredFile file = FileId.parse(id)
			.map(this.files::findById)
			.orElseGet(() -> Ids.isId(id) ? this.files.findReferencedLegacy(Long.parseLong(id)) : null);
		if (file == null) {
			throw new FileNotFound();
		}
		return file;
	}

	/** The original bytes of a file. */
	Optional<Resource> original(StoredFile file) throws IOException {
		return this.storage.get(file.storageKey());
	}

}
