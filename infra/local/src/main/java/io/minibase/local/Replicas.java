package io.minibase.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many instances of each service the local stack runs: {@code MINIBASE_REPLICAS},
 * e.g. {@code catalog-service=2,order-service=2} ({@code infra/local/run --replicas}).
 * The extra instances are named {@code <service>-2}, {@code <service>-3} ... and listen
 * on free ports; the gateway spreads requests over all of a service's instances that are
 * ready (its lb:// URLs, see the gateway's application.yml).
 */
record Replicas(Map<String, Integer> counts) {

	static final String VARIABLE = "MINIBASE_REPLICAS";

	private static final int MAX = 4;

	Replicas {
		counts = Map.copyOf(counts);
	}

	static Replicas from(Map<String, String> env, List<String> services) {
		String given = env.getOrDefault(VARIABLE, "").trim();
		Map<String, Integer> counts = new LinkedHashMap<>();
		if (given.isEmpty()) {
			return new Replicas(counts);
		}
		for (String item : given.split("[,\\s]+")) {
			String[] pair = item.split("=", 2);
			if (pair.length != 2 || !services.contains(pair[0].trim()) || !pair[1].trim().matches("[1-9][0-9]*")
					|| Integer.parseInt(pair[1].trim()) > MAX) {
				throw new StackDidNotStart(VARIABLE + " (--replicas) is a list of <service>=<1.." + MAX
						+ ">, with services among " + services + "; got '" + item + "'");
			}
			counts.put(pair[0].trim(), Integer.parseInt(pair[1].trim()));
		}
		return new Replicas(counts);
	}

	/** The names of the extra instances of a service (none when it runs once). */
	List<String> extraInstances(String service) {
		List<String> names = new ArrayList<>();
		for (int i = 2; i <= this.counts.getOrDefault(service, 1); i++) {
			names.add(service + "-" + i);
		}
		return names;
	}

	boolean isReplicated(String service) {
		return this.counts.getOrDefault(service, 1) > 1;
	}

}
