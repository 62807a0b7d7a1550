package io.minibase.catalog.stock;

/**
 * How a refund before shipping ended, as {@code minibase.catalog.releases} counts it
 * (beside {@link ReleaseOutcome}: both put units back on the shelf).
 */
enum RestockOutcome {

	/** The event was applied before: nothing changes. */
	DUPLICATE("duplicate"),

	/** The order had no sold lines: never paid, or its units returned already. */
	NOTHING_SOLD("nothing-sold"),

	/** The sold units went back to stock; StockReleased published. */
	RETURNED("returned");

	private final String tag;

	RestockOutcome(String tag) {
		this.tag = tag;
	}

	/** The value of the metric's {@code outcome} tag. */
	String tag() {
		return this.tag;
	}

}
