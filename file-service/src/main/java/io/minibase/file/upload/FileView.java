package io.minibase.file.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.minibase.file.stored.StoredFile;

/**
 * A stored file as api.md shows it (ids are strings), plus {@code visibility}
 * ({@code public} or {@code private}), which api.md does not name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FileView(String id, String url, String contentType, long size, String sha256, Integer width, Integer height,
		String visibility) {

	static FileView of(StoredFile file) {
		return new FileView(file.id().value(), file.id().url(), file.contentType(), file.sizeBytes(), file.sha256(),
				file.width(), file.height(), file.visibility().name().toLowerCase(java.util.Locale.ROOT));
	}

}
