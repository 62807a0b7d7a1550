package io.minibase.catalog.product;

import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A product's {@code image_file_ids} column: a JSON array of file-service ids. */
final class ImageFileIds {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private ImageFileIds() {
	}

	static List<String> read(JsonMapper json, String column) {
		return json.readValue(column, STRINGS);
	}

}
