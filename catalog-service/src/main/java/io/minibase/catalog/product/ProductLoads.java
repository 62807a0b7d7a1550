package io.minibase.catalog.product;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bulkhead in front of MySQL product loads: at most {@code permits} at once, a caller
 * waits up to {@code wait} for a slot and is refused with {@link CatalogBusy} (503) after
 * that.
 */
final class ProductLoads {

	private final Semaphore permits;

	private final long waitNanos;

	ProductLoads(int permits, Duration wait) {
		this.permits = new Semaphore(permits);
		this.waitNanos = wait.toNanos();
	}

	<T> T run(Supplier<T> load) {
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CatalogBusy();
		}
		if (!acquired) {
			throw new CatalogBusy();
		}
		try {
			return load.get();
		}
		finally {
			this.permits.release();
		}
	}

}
