package io.minibase.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buyers logged in beforehand, each from an address of its own (logins are limited per
 * address), held between a login phase and the order phases that use them: each buyer
 * once ({@link #take()}, the flash sale) or in turns ({@link #next()}, the fixed rates).
 */
final class Buyers {

	record Buyer(String token, String clientIp) {
	}

	private final String prefix;

	private final List<Buyer> buyers = new CopyOnWriteArrayList<>();

	private final AtomicInteger logins = new AtomicInteger();

	private final AtomicInteger taken = new AtomicInteger();

	/**
	 * @param prefix the WeChat stub user of buyer i is {@code <prefix><i>}
	 */
	Buyers(String prefix) {
		this.prefix = prefix;
	}

	/** The stub user of the next buyer to log in. */
	String nextUser() {
		return this.prefix + this.logins.getAndIncrement();
	}

	void loggedIn(Buyer buyer) {
		this.buyers.add(buyer);
	}

	int loggedIn() {
		return this.buyers.size();
	}

	/** The next buyer who has not ordered yet, or null when every one has. */
	Buyer take() {
		int i = this.taken.getAndIncrement();
		return (i < this.buyers.size()) ? this.buyers.get(i) : null;
	}

	/** The next buyer in turn, or null when none logged in. */
	Buyer next() {
		int size = this.buyers.size();
		return (size == 0) ? null : this.buyers.get(Math.floorMod(this.taken.getAndIncrement(), size));
	}

}
