package io.minibase.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * How many answers of each HTTP status every request got, by request name; written into
 * {@code measurements.json} for the summary.
 *
 * <p>
 * Counted here, in the simulation, because Gatling's report only tells OK from KO, and
 * Gatling 3.15 writes its {@code simulation.log} in a binary format the summary does not
 * read. Every request saves its status with {@code status().saveAs}, which any status
 * passes, and the action after it counts the status. Requests keep their stricter checks
 * too, so the report still shows a 429 or 503 as KO: Gatling runs every check of an
 * answer even after one has failed, and keeps what the others saved (checked on Gatling
 * 3.15.1: a 404 against {@code status().is(200)} still saves 404). A request that got no
 * answer at all (refused, reset, timed out) saves no status and is counted as
 * {@link #NO_ANSWER}.
 */
final class Statuses {

	static final String NO_ANSWER = "connectionError";

	private static final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

	private Statuses() {
	}

	static void count(String request, String status) {
		counts.computeIfAbsent(request, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(status, (key) -> new LongAdder())
			.increment();
	}

	/** The answers to this request whose status matches. */
	static long count(String request, Predicate<String> status) {
		return counts.getOrDefault(request, Map.of())
			.entrySet()
			.stream()
			.filter((e) -> status.test(e.getKey()))
			.mapToLong((e) -> e.getValue().sum())
			.sum();
	}

	static boolean isSuccess(String status) {
		return status.length() == 3 && status.charAt(0) == '2';
	}

	/** request name -> status -> count, sorted. */
	static Map<String, Map<String, Long>> snapshot() {
		Map<String, Map<String, Long>> out = new TreeMap<>();
		counts.forEach((request, byStatus) -> {
			Map<String, Long> copy = new TreeMap<>();
			byStatus.forEach((status, n) -> copy.put(status, n.sum()));
			out.put(request, copy);
		});
		return out;
	}

}
