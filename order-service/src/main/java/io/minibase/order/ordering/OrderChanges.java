package io.minibase.order.ordering;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Who waits for an order to change ({@code Prefer: wait}), and telling them it did, on
 * every instance of order-service: the saga's reply, a payment or a cancel may be applied
 * by another instance than the one holding the waiting request.
 *
 * <p>
 * A change is announced after its commit on the Redis channel {@value #CHANNEL} (the
 * order id as the message; docs/events.md), which every instance subscribes to. A waiter
 * is a future, not a thread: the request is suspended (Servlet async) until its future
 * completes. Redis pub/sub delivers at most once, so a lost announcement (Redis away for
 * a moment) costs the waiter its wait, never a wrong answer: the answer is always the
 * order as it is when the wait ends.
 */
class OrderChanges implements MessageListener {

	static final String CHANNEL = "orders:changed";

	private static final Logger log = LoggerFactory.getLogger(OrderChanges.class);

	private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

	private final StringRedisTemplate redis;

	OrderChanges(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Completes when the order is next announced changed, or after {@code atMost}
	 * (normally, not exceptionally): either way the caller reads the order then. Register
	 * before reading the order, so that a change between the read and the registration is
	 * not missed.
	 */
	CompletableFuture<Void> next(String orderId, Duration atMost) {
		CompletableFuture<Void> changed = new CompletableFuture<>();
		this.waiters.computeIfAbsent(orderId, (id) -> ConcurrentHashMap.newKeySet()).add(changed);
		changed.whenComplete((done, failure) -> forget(orderId, changed));
		return changed.completeOnTimeout(null, atMost.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** After a commit that changed the order: wakes its waiters here and elsewhere. */
	void announce(String orderId) {
		wake(orderId);
		try {
			this.redis.convertAndSend(CHANNEL, orderId);
		}
		catch (RuntimeException ex) {
			// the change is committed; waiters elsewhere answer when their wait is up
			log.debug("Could not announce that order {} changed: {}", orderId, ex.getMessage());
		}
	}

	/** An announcement from any instance (this one's included). */
	@Override
	public void onMessage(Message message, byte[] pattern) {
		wake(new String(message.getBody(), StandardCharsets.UTF_8));
	}

	/** Waiters on this instance now (a gauge's source, and for tests). */
	int waiting() {
		return this.waiters.values().stream().mapToInt(Set::size).sum();
	}

	private void wake(String orderId) {
		Set<CompletableFuture<Void>> waiting = this.waiters.remove(orderId);
		if (waiting != null) {
			waiting.forEach((changed) -> changed.complete(null));
		}
	}

	private void forget(String orderId, CompletableFuture<Void> changed) {
		this.waiters.computeIfPresent(orderId, (id, set) -> {
			set.remove(changed);
			return set.isEmpty() ? null : set;
		});
	}

}
