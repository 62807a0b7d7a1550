package io.minibase.catalog.stock;

/**
 * How one cancellation or expiry of a run ended, as {@code minibase.catalog.releases}
 * counts it (with {@link RestockOutcome}, on the same meter).
 */
enum ReleaseOutcome {

	/** Delivered before, or the same order closed twice in the run: nothing changes. */
	DUPLICATE("duplicate"),

	/** What the order held went back to stock; StockReleased published. */
	RELEASED("released"),

	/**
	 * The order held nothing: never reserved (it is marked closed, so a late placement
	 * reserves nothing), rejected, released or sold already.
	 */
	NOTHING_HELD("nothing-held");

	private final String tag;

	ReleaseOutcome(String tag) {
		this.tag = tag;
	}

	/** The outcome of an order's first closing, by whether it still held any line. */
	static ReleaseOutcome of(boolean held) {
		return held ? RELEASED : NOTHING_HELD;
	}

	/** The value of the metric's {@code outcome} tag. */
	String tag() {
		return this.tag;
	}

}
