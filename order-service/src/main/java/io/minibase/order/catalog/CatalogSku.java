package io.minibase.order.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A SKU as this service's copy of the catalog holds it: its product's name and status,
 * its specs (a JSON object) and today's price.
 */
public record CatalogSku(String skuId, String productId, String name, String specs, long priceFen, String status) {

	private static final TypeReference<LinkedHashMap<String, String>> SPECS = new TypeReference<>() {
	};

	/** Whether its product is on sale. */
	public boolean onSale() {
		return "ON_SALE".equals(this.status);
	}

	/** The specs, names to values. */
	public Map<String, String> specsMap() {
		return specsOf(this.specs);
	}

	/** Specs as catalog sends them and this service stores them, names to values. */
	public static Map<String, String> specsOf(String json) {
		return (json != null) ? JsonMapper.shared().readValue(json, SPECS) : null;
	}

}
