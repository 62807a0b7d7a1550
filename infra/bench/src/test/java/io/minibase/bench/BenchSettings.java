package io.minibase.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a bench run is pointed at and how long each phase lasts; all system properties, so
 * {@code infra/bench/run} (or {@code ./mvnw -pl infra/bench gatling:test -D...}) can
 * change them.
 *
 * @param gateway the gateway's base URL
 * @param catalog catalog-service's own base URL (the direct leg of the comparisons)
 * @param adminPasswordFile where the local stack keeps the admin password
 * @param outputDir where the bench writes {@code measurements.json} for the summary
 * @param idle how long the stack is sampled before any load
 * @param phase how long each focused phase (comparisons, auth, orders, files) lasts
 * @param mix how long the mix phase lasts
 * @param concurrency users looping in each focused phase but the cached-read comparison
 * @param mixSessionsPerSecond shop sessions arriving per second in the mix
 * @param cachedConcurrency the connections of each closed-model leg of the cached-read
 * comparison, one phase per leg and count
 * @param halfPeakRps the arrival rate of the half-peak phases; 0 for half the gateway's
 * best 2xx rate measured in the comparison
 * @param halfPeakCeilingRps the highest half-peak rate the bench can measure (see
 * {@link HalfPeak})
 * @param flashSaleBuyers buyers placing one order each for the flash sale's product
 * @param flashSaleStock units of the flash sale's product
 * @param flashSaleSpread the time over which the flash sale's buyers place their orders
 * @param orderRates the arrival rates of the fixed-rate order phases, orders per second
 * @param orderRatePhase how long each fixed-rate order phase lasts
 * @param orderBuyers the buyers the fixed-rate order phases take turns with
 * @param orderWarmup how long orders arrive at a low rate before the fixed rates, so that
 * they measure the order path compiled
 * @param only the groups of phases to run, all when empty (see {@code ShopSimulation})
 */
record BenchSettings(String gateway, String catalog, Path adminPasswordFile, Path outputDir, Duration idle,
		Duration phase, Duration mix, int concurrency, double mixSessionsPerSecond, List<Integer> cachedConcurrency,
		double halfPeakRps, double halfPeakCeilingRps, int flashSaleBuyers, int flashSaleStock,
		Duration flashSaleSpread, List<Integer> orderRates, Duration orderRatePhase, int orderBuyers,
		Duration orderWarmup, List<String> only) {

	static BenchSettings fromSystemProperties() {
		return new BenchSettings(property("bench.gateway", "http://127.0.0.1:8080"),
				property("bench.catalog", "http://127.0.0.1:8082"),
				Path.of(property("bench.adminPasswordFile", "../../.minibase/admin-password")),
				Path.of(property("bench.outputDir", "target/bench")),
				Duration.ofSeconds(Long.parseLong(property("bench.idleSeconds", "15"))),
				Duration.ofSeconds(Long.parseLong(property("bench.phaseSeconds", "15"))),
				Duration.ofSeconds(Long.parseLong(property("bench.mixSeconds", "60"))),
				Integer.parseInt(property("bench.concurrency", "8")),
				Double.parseDouble(property("bench.mixSessionsPerSecond", "4")),
				integers(property("bench.cachedConcurrency", "16,64,256")),
				Double.parseDouble(property("bench.halfPeakRps", "0")),
				Double.parseDouble(property("bench.halfPeakCeilingRps", "2500")),
				Integer.parseInt(property("bench.flashSaleBuyers", "1000")),
				Integer.parseInt(property("bench.flashSaleStock", "50")),
				Duration.ofMillis(Long.parseLong(property("bench.flashSaleSpreadMillis", "1000"))),
				integers(property("bench.orderRates", "10,50,100,200")),
				Duration.ofSeconds(Long.parseLong(property("bench.orderRateSeconds", "30"))),
				Integer.parseInt(property("bench.orderBuyers", "200")),
				Duration.ofSeconds(Long.parseLong(property("bench.orderWarmupSeconds", "90"))),
				Stream.of(property("bench.only", "").split(","))
					.map(String::trim)
					.filter((n) -> !n.isEmpty())
					.toList());
	}

	private static List<Integer> integers(String list) {
		return Stream.of(list.split(",")).map(String::trim).filter((n) -> !n.isEmpty()).map(Integer::parseInt).toList();
	}

	private static String property(String name, String fallback) {
		String value = System.getProperty(name);
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

}
