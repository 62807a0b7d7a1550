package io.minibase.order.order;

import java.util.List;
import java.util.Objects;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The products catalog-service has marked sold out in Redis (docs/events.md, "Sold-out
 * marks"): an order for one of them is rejected at once, as the saga would reject it,
 * without the saga's round through Kafka and catalog. In a flash sale that is every order
 * after the last unit went.
 *
 * <p>
 * The mark is catalog's hint, never the authority: without one (none set, Redis away, the
 * mark expired) the order goes through the saga, where catalog's conditional write
 * decides, so stock stays exact whatever Redis says.
 */
@Component
class SoldOutProducts {

	/** The key catalog-service writes for a product (docs/events.md). */
	static String key(String productId) {
		return "catalog:sold-out:" + productId;
	}

	/** The key catalog-service writes for a SKU (docs/events.md). */
	static String skuKey(String skuId) {
		return "catalog:sold-out:sku:" + skuId;
	}

	private final StringRedisTemplate redis;

	SoldOutProducts(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Whether any of the order's SKUs or products is marked sold out; false if Redis
	 * cannot say.
	 */
	boolean anyOf(List<PlaceOrder.Line> lines) {
		List<String> keys = lines.stream()
			.map((line) -> (line.skuId() != null) ? skuKey(line.skuId()) : key(line.productId()))
			.toList();
		try {
			List<String> marks = this.redis.opsForValue().multiGet(keys);
			return marks != null && marks.stream().anyMatch(Objects::nonNull);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
