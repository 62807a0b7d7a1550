package io.minibase.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client addresses the bench sends in {@code X-Forwarded-For}, as a trusted proxy
 * forwards them: one after another from 198.18.0.0/15, the range RFC 2544 sets aside for
 * benchmarks, so no address is anybody's and the gateway's per-address rate limit sees as
 * many clients as the bench makes.
 */
final class ClientAddresses {

	/** The /15 without the .0 and .255 of each /24: 512 blocks of 254 addresses. */
	static final int SIZE = 512 * 254;

	private static final AtomicInteger taken = new AtomicInteger();

	private ClientAddresses() {
	}

	/** A client address no client has had before in this run (until all are taken). */
	static String next() {
		return of(taken.getAndIncrement());
	}

	/** How many distinct addresses have been handed out. */
	static int distinct() {
		return Math.min(taken.get(), SIZE);
	}

	static String of(int n) {
		int i = Math.floorMod(n, SIZE);
		int block = i / 254;
		return "198." + (18 + block / 256) + "." + (block % 256) + "." + (i % 254 + 1);
	}

}
