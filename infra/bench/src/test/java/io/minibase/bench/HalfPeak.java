package io.minibase.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The arrival rate of the half-peak phases: half of the best rate at which the gateway
 * answered the cached read with a 2xx in the closed-model phases before them (429s and
 * 503s are no capacity), unless {@code bench.halfPeakRps} fixes it.
 *
 * <p>
 * Gatling fixes an injection profile's rate when the simulation is built, before any
 * phase has run, so a rate measured during the run cannot be handed to
 * {@code constantUsersPerSec}. Instead users arrive at a fixed rate
 * ({@link #injectionRps()}) and each goes on with the probability target / that rate; the
 * others leave at once, without a request. Thinning arrivals that way keeps them an open
 * model at the target rate: they come whether or not earlier requests have been answered.
 */
final class HalfPeak {

	private final double fixedRps;

	private final double ceilingRps;

	/** phase -> name of its cached-read request, the gateway's closed-model legs. */
	private final Map<String, String> gatewayLegs;

	private Map<String, Object> rate;

	/**
	 * Measured by the first user to arrive, when the phases it is taken from are over.
	 */
	private volatile double targetRps = -1;

	HalfPeak(double fixedRps, double ceilingRps, Map<String, String> gatewayLegs) {
		this.fixedRps = fixedRps;
		this.ceilingRps = ceilingRps;
		this.gatewayLegs = gatewayLegs;
	}

	/** The rate at which users are injected, of whom {@link #admit()} lets some on. */
	double injectionRps() {
		return (this.fixedRps > 0) ? this.fixedRps : this.ceilingRps;
	}

	/** Whether an arriving user sends its request: true at the target rate. */
	boolean admit() {
		double target = this.targetRps;
		if (target < 0) {
			target = target();
		}
		return target >= injectionRps() || ThreadLocalRandom.current().nextDouble() * injectionRps() < target;
	}

	private synchronized double target() {
		if (this.targetRps < 0) {
			this.rate = measure();
			this.targetRps = ((Number) this.rate.get("targetRps")).doubleValue();
		}
		return this.targetRps;
	}

	private Map<String, Object> measure() {
		Map<String, Object> out = new LinkedHashMap<>();
		Map<String, long[]> windows = Phases.windows();
		double best = 0;
		String bestPhase = null;
		for (Map.Entry<String, String> leg : this.gatewayLegs.entrySet()) {
			long[] window = windows.get(leg.getKey());
			if (window == null || window[1] <= window[0]) {
				continue;
			}
			double rps = Statuses.count(leg.getValue(), Statuses::isSuccess) / ((window[1] - window[0]) / 1000.0);
			if (rps > best) {
				best = rps;
				bestPhase = leg.getKey();
			}
		}
		out.put("gatewayPeak2xxPerSecond", Math.round(best * 10) / 10.0);
		out.put("peakPhase", bestPhase);
		out.put("injectionRps", injectionRps());
		if (this.fixedRps > 0) {
			out.put("source", "bench.halfPeakRps");
			out.put("targetRps", this.fixedRps);
		}
		else if (best / 2 > this.ceilingRps) {
			out.put("source", "measured");
			out.put("targetRps", this.ceilingRps);
			out.put("note", "half the gateway's peak is above bench.halfPeakCeilingRps (" + this.ceilingRps
					+ "): the phases ran at that ceiling instead; raise it");
		}
		else {
			out.put("source", "measured");
			out.put("targetRps", Math.round(best / 2 * 10) / 10.0);
		}
		return out;
	}

	/**
	 * What the half-peak phases were given, for measurements.json; empty if they never
	 * ran.
	 */
	synchronized Map<String, Object> report() {
		return (this.rate != null) ? this.rate : Map.of();
	}

}
