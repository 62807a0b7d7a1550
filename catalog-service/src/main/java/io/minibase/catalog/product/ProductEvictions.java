package io.minibase.catalog.product;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets writers outside this package (stock reservations) keep the product cache fresh:
 * the product's entry is evicted after their transaction commits, and once more a moment
 * later (see ProductService for why twice).
 */
@Component
public class ProductEvictions {

	private final ProductCache cache;

	ProductEvictions(ProductCache cache) {
		this.cache = cache;
	}

	/** Evicts the product's cached entry once the current transaction has committed. */
	public void afterCommit(long productId) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ProductEvictions.this.cache.evictNowAndLater(productId, ProductEvictions.this.cache.delayed());
			}
		});
	}

}
