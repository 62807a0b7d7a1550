package io.minibase.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order burst: buyers who logged in beforehand, each from its own address, place one
 * order each at the same moment for a product with less stock than buyers. Holds the
 * buyers between the login phase and the burst, how each order ended, and the product's
 * stock afterwards.
 */
final class Burst {

	/** How an order that could not be placed (no 201) ended. */
	static final String NOT_PLACED = "NOT_PLACED";

	/** A buyer whose login failed: it placed nothing. */
	static final String NOT_LOGGED_IN = "NOT_LOGGED_IN";

	record Buyer(String token, String clientIp) {
	}

	private final Queue<Buyer> buyers = new ConcurrentLinkedQueue<>();

	private final AtomicInteger logins = new AtomicInteger();

	private final AtomicInteger loggedIn = new AtomicInteger();

	private final AtomicLong firstPlacedNanos = new AtomicLong();

	private final Map<String, Integer> outcomes = new LinkedHashMap<>();

	private final List<Double> placementToSettledMillis = new ArrayList<>();

	private long lastSettledNanos;

	private volatile Integer stockAfter;

	/** The WeChat stub code of the next buyer: {@code mock-burst<i>-<once>}. */
	String nextUser() {
		return "burst" + this.logins.getAndIncrement();
	}

	void loggedIn(Buyer buyer) {
		this.buyers.add(buyer);
		this.loggedIn.incrementAndGet();
	}

	/** The next buyer to place an order, or null when no more logged in. */
	Buyer take() {
		return this.buyers.poll();
	}

	void placing(long nanos) {
		this.firstPlacedNanos.compareAndSet(0, nanos);
	}

	/**
	 * An order's end: its status once no longer PENDING (or still PENDING at the
	 * deadline).
	 */
	synchronized void ended(String outcome, long placedNanos) {
		long now = System.nanoTime();
		this.outcomes.merge((outcome != null) ? outcome : "UNKNOWN", 1, Integer::sum);
		if (placedNanos > 0 && !"PENDING".equals(outcome) && !NOT_PLACED.equals(outcome)) {
			this.placementToSettledMillis.add((now - placedNanos) / 1e6);
			this.lastSettledNanos = Math.max(this.lastSettledNanos, now);
		}
	}

	void stockAfter(int stock) {
		this.stockAfter = stock;
	}

	synchronized Map<String, Object> report(int buyers, int stock, String productId) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("buyers", buyers);
		out.put("stock", stock);
		out.put("productId", productId);
		out.put("loggedIn", this.loggedIn.get());
		out.put("outcomes", new LinkedHashMap<>(this.outcomes));
		out.put("stockAfter", this.stockAfter);
		if (this.lastSettledNanos > 0 && this.firstPlacedNanos.get() > 0) {
			out.put("allSettledMillis", Math.round((this.lastSettledNanos - this.firstPlacedNanos.get()) / 1e6));
		}
		out.put("placementToSettledMillis", new ArrayList<>(this.placementToSettledMillis));
		return out;
	}

}
