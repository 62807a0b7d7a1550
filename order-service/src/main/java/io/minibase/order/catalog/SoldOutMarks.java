package io.minibase.order.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The SKUs and products catalog-service has marked sold out in Redis (docs/events.md,
 * "Sold-out marks"): an order for one of them is rejected at once, as the saga would
 * reject it, without the saga's round through Kafka and catalog (in a flash sale that is
 * every order after the last unit went), and the cart shows it unavailable.
 *
 * <p>
 * The mark is catalog's hint, never the authority: without one (none set, Redis away, the
 * mark expired) the order goes through the saga, where catalog's conditional write
 * decides, so stock stays exact whatever Redis says.
 */
@Component
public class SoldOutMarks {

	/** The key catalog-service writes for a product (docs/events.md). */
	static String key(String productId) {
		return "catalog:sold-out:" + productId;
	}

	/** The key catalog-service writes for a SKU (docs/events.md). */
	static String skuKey(String skuId) {
		return "catalog:sold-out:sku:" + skuId;
	}

	private final StringRedisTemplate redis;

	SoldOutMarks(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Whether any of these SKUs or products is marked sold out; false if Redis cannot
	 * say.
	 */
	public boolean anyOf(List<String> skuIds, List<String> productIds) {
		List<String> keys = new ArrayList<>();
		skuIds.forEach((sku) -> keys.add(skuKey(sku)));
		productIds.forEach((product) -> keys.add(key(product)));
		return marked(keys).stream().anyMatch(Boolean::booleanValue);
	}

	/** Those of these SKUs that are marked sold out; none if Redis cannot say. */
	public Set<String> soldOutSkus(List<String> skuIds) {
		List<Boolean> marked = marked(skuIds.stream().map(SoldOutMarks::skuKey).toList());
		Set<String> soldOut = new HashSet<>();
		for (int i = 0; i < marked.size(); i++) {
			if (marked.get(i)) {
				soldOut.add(skuIds.get(i));
			}
		}
		return soldOut;
	}

	private List<Boolean> marked(List<String> keys) {
		if (keys.isEmpty()) {
			return List.of();
		}
		try {
			List<String> marks = this.redis.opsForValue().multiGet(keys);
			return (marks != null) ? marks.stream().map(Objects::nonNull).toList() : List.of();
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

}
