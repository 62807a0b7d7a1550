package io.minibase.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which phase of the run is under way, and when each began and ended: phases run one
 * after another, so the phase of the user that started last is the current one. The
 * process sampler charges its samples to it, and the summary divides a phase's request
 * count by its length to get requests per second.
 */
final class Phases {

	static final String IDLE = "idle";

	private static final Map<String, long[]> windows = new LinkedHashMap<>();

	private static volatile String current = IDLE;

	private Phases() {
	}

	static synchronized void enter(String phase) {
		long now = System.currentTimeMillis();
		windows.computeIfAbsent(phase, (name) -> new long[] { now, now });
		current = phase;
	}

	static synchronized void exit(String phase) {
		long[] window = windows.get(phase);
		if (window != null) {
			window[1] = Math.max(window[1], System.currentTimeMillis());
		}
	}

	static String current() {
		return current;
	}

	/** Phase name to {@code [startMillis, endMillis]}, in the order the phases ran. */
	static synchronized Map<String, long[]> windows() {
		Map<String, long[]> copy = new LinkedHashMap<>();
		windows.forEach((name, window) -> copy.put(name, window.clone()));
		return copy;
	}

}
