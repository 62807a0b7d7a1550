package io.minibase.catalog.product;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A row of the {@code sku} table: one specification of a product with its own price and
 * stock; {@code specs} is the JSON object as stored ({@code {}} for a product's only SKU
 * without specifications).
 */
public record Sku(long id, long productId, String specs, long priceFen, int stock) {

	private static final TypeReference<LinkedHashMap<String, String>> SPECS = new TypeReference<>() {
	};

	/** The specification, names to values, in the admin's order. */
	public Map<String, String> specsMap() {
		return specsOf(this.specs);
	}

	/** A stored specification as names to values, in the stored order. */
	public static Map<String, String> specsOf(String json) {
		return (json == null || json.isBlank()) ? Map.of() : JsonMapper.shared().readValue(json, SPECS);
	}

	/** A specification as it is stored. */
	static String json(Map<String, String> specs) {
		return JsonMapper.shared().writeValueAsString(specs);
	}

}
