package io.minibase.file.file;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A stored file as api.md shows it; ids are strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FileView(String id, String url, String contentType, long size, String sha256, Integer width, Integer height) {

	static FileView of(StoredFile file) {
		return new FileView(String.valueOf(file.id()), FileController.url(file.id()), file.contentType(),
				file.sizeBytes(), file.sha256(), file.width(), file.height());
	}

}
