package io.minibase.catalog.product;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells order-service, through Redis, which products have no stock left, so that a crowd
 * ordering a sold-out product is answered at once instead of each order going through the
 * saga to learn the same thing (docs/events.md, "Sold-out marks").
 *
 * <p>
 * {@code catalog:sold-out:<productId>} = {@code 1}, for {@link #LIFETIME} at most. Set
 * after a commit that left the product at 0; removed after every commit that gave units
 * back or changed the product. A mark only ever turns an order away that the saga would
 * have turned away too, give or take a moment around a release: stock stays exact either
 * way, and a mark lost or never written only costs the saga its round. So Redis failing
 * here is logged and nothing else.
 */
@Component
public class SoldOutMarks {

	/** The key of a product's mark; order-service reads the same (docs/events.md). */
	public static String key(long productId) {
		return "catalog:sold-out:" + productId;
	}

	/**
	 * The key of a SKU's mark, set when that SKU has no units left while others of its
	 * product may (docs/events.md).
	 */
	public static String skuKey(long skuId) {
		return "catalog:sold-out:sku:" + skuId;
	}

	/** A mark outlives a missed removal by this much at most. */
	static final Duration LIFETIME = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(SoldOutMarks.class);

	private final StringRedisTemplate redis;

	SoldOutMarks(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Marks the product sold out once the current transaction has committed. */
	public void markAfterCommit(long productId) {
		afterCommit(() -> this.redis.opsForValue().set(key(productId), "1", LIFETIME), "mark product", productId);
	}

	/** Removes the product's mark once the current transaction has committed. */
	public void clearAfterCommit(long productId) {
		afterCommit(() -> this.redis.delete(key(productId)), "clear product", productId);
	}

	/** Marks the SKU sold out once the current transaction has committed. */
	public void markSkuAfterCommit(long skuId) {
		afterCommit(() -> this.redis.opsForValue().set(skuKey(skuId), "1", LIFETIME), "mark SKU", skuId);
	}

	/** Removes the SKU's mark once the current transaction has committed. */
	public void clearSkuAfterCommit(long skuId) {
		afterCommit(() -> this.redis.delete(skuKey(skuId)), "clear SKU", skuId);
	}

	private static void afterCommit(Runnable write, String what, long id) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				try {
					write.run();
				}
				catch (RuntimeException ex) {
					log.debug("Could not {} {} sold out: {}", what, id, ex.getMessage());
				}
			}
		});
	}

}
