package io.minibase.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The orders one phase placed and how each ended: every placement's outcome (its status
 * once no longer PENDING, PENDING still at the deadline, or {@link #NOT_PLACED}), the
 * time from placement to outcome, and how many requests each buyer needed to learn it
 * (one when the placement's own answer, held by {@code Prefer: wait}, carried it).
 */
final class Placements {

	/** How an order that could not be placed (no 201) ended. */
	static final String NOT_PLACED = "NOT_PLACED";

	/** A buyer whose login failed: it placed nothing. */
	static final String NOT_LOGGED_IN = "NOT_LOGGED_IN";

	private final AtomicLong firstPlacedNanos = new AtomicLong();

	private final Map<String, Integer> outcomes = new LinkedHashMap<>();

	private final List<Double> placementToSettledMillis = new ArrayList<>();

	private final Map<Integer, Integer> requestsToLearn = new LinkedHashMap<>();

	private int refusedWithRetryAfter;

	private int refusedWithoutRetryAfter;

	private long lastSettledNanos;

	void placing(long nanos) {
		this.firstPlacedNanos.compareAndSet(0, nanos);
	}

	/** A placement answered 429: whether it said when to try again, as api.md asks. */
	synchronized void refused(boolean retryAfter) {
		if (retryAfter) {
			this.refusedWithRetryAfter++;
		}
		else {
			this.refusedWithoutRetryAfter++;
		}
	}

	/**
	 * An order's end: its status once no longer PENDING (or still PENDING at the
	 * deadline), after {@code requests} requests (the placement and any polls).
	 */
	synchronized void ended(String outcome, long placedNanos, int requests) {
		long now = System.nanoTime();
		this.outcomes.merge((outcome != null) ? outcome : "UNKNOWN", 1, Integer::sum);
		if (placedNanos > 0 && !"PENDING".equals(outcome) && !NOT_PLACED.equals(outcome)
				&& !NOT_LOGGED_IN.equals(outcome)) {
			this.placementToSettledMillis.add((now - placedNanos) / 1e6);
			this.lastSettledNanos = Math.max(this.lastSettledNanos, now);
			this.requestsToLearn.merge(requests, 1, Integer::sum);
		}
	}

	synchronized int count(String outcome) {
		return this.outcomes.getOrDefault(outcome, 0);
	}

	synchronized Map<String, Object> report() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("outcomes", new LinkedHashMap<>(this.outcomes));
		if (this.lastSettledNanos > 0 && this.firstPlacedNanos.get() > 0) {
			out.put("allSettledMillis", Math.round((this.lastSettledNanos - this.firstPlacedNanos.get()) / 1e6));
		}
		out.put("placementToSettledMillis", new ArrayList<>(this.placementToSettledMillis));
		Map<String, Integer> requests = new LinkedHashMap<>();
		this.requestsToLearn.forEach((n, count) -> requests.put(Integer.toString(n), count));
		out.put("requestsToLearnOutcome", requests);
		out.put("refusedWithRetryAfter", this.refusedWithRetryAfter);
		out.put("refusedWithoutRetryAfter", this.refusedWithoutRetryAfter);
		return out;
	}

}
