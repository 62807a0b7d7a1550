package io.minibase.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary reads Gatling's report table the way Gatling 3.15 writes it. */
class SummaryTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void aRequestsRowIdIsItsCutNameAndTheHashOfItsFullName() {
		// ids copied from a report Gatling 3.15.1 wrote for these names
		assertThat(Summary.reportId("[cached-direct] GET /api/catalog/products/{id}"))
			.isEqualTo("req_-cached-direct---940301058");
		assertThat(Summary.reportId("[cached-gateway] GET /api/catalog/products/{id}"))
			.isEqualTo("req_-cached-gateway-1412505657");
		assertThat(Summary.reportId("[warmup] GET /api/orders/{id}")).isEqualTo("req_-warmup--get--a--503901675");
	}

	@Test
	void rowsBecomeEndpointsWithRatesOverTheirPhase() throws Exception {
		String name = "[cached-direct] GET /api/catalog/products/{id}";
		String html = "<tr id=\"" + Summary.reportId(name) + "\" data-parent=\"ROOT\">\n"
				+ "  <td class=\"total col-1\"><span class=\"ellipsed-name\">[cached-direct] GET /api/catalog/products</span></td>\n"
				+ cells(2, "8536", "8536", "0", "0", "18.47", "1", "10", "16", "29", "46", "166", "13", "13") + "</tr>";
		List<Summary.Row> rows = Summary.rows(html, JSON.readTree(JSON.writeValueAsString(List.of(name, "[x] other"))));

		assertThat(rows).hasSize(1);
		Map<String, Object> endpoint = rows.get(0).toMap(Map.of("cached-direct", 15.0));
		assertThat(endpoint).containsEntry("phase", "cached-direct")
			.containsEntry("endpoint", "GET /api/catalog/products/{id}")
			.containsEntry("requests", 8536L)
			.containsEntry("requestsPerSecond", 569.1)
			.containsEntry("p50", 10.0)
			.containsEntry("p95", 29.0)
			.containsEntry("p99", 46.0);
	}

	@Test
	void aPhaseNameMayEndInItsConcurrency() throws Exception {
		String name = "[cached-gateway-256] GET /api/catalog/products/{id}";
		List<Summary.Row> rows = Summary.rows(row(name, 1000, 0, 5, 20, 40),
				JSON.readTree(JSON.writeValueAsString(List.of(name))));

		assertThat(rows.get(0).toMap(Map.of("cached-gateway-256", 10.0))).containsEntry("phase", "cached-gateway-256")
			.containsEntry("endpoint", "GET /api/catalog/products/{id}")
			.containsEntry("requestsPerSecond", 100.0);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theCachedReadIsComparedAtEachConcurrencyWithEveryStatusItGot() throws Exception {
		Map<String, Object> summary = summarize(
				List.of(new Request("[cached-direct-16] GET /api/catalog/products/{id}", 3000, 0, 4, 9, 15),
						new Request("[cached-nginx-16] GET /api/catalog/products/{id}", 2400, 0, 5, 10, 18),
						new Request("[cached-gateway-16] GET /api/catalog/products/{id}", 1200, 100, 11, 30, 60),
						new Request("[cached-gateway-forwarded-16] GET /api/catalog/products/{id}", 900, 0, 14, 35, 70),
						new Request("[cached-direct-64] GET /api/catalog/products/{id}", 3300, 0, 15, 30, 50),
						new Request("[cached-gateway-64] GET /api/catalog/products/{id}", 1500, 0, 40, 90, 130)),
				Map.of("cached-direct-16", 10.0, "cached-nginx-16", 10.0, "cached-gateway-16", 10.0,
						"cached-gateway-forwarded-16", 10.0, "cached-direct-64", 10.0, "cached-nginx-64", 10.0,
						"cached-gateway-64", 10.0),
				Map.of("[cached-direct-16] GET /api/catalog/products/{id}", Map.of("200", 3000),
						"[cached-nginx-16] GET /api/catalog/products/{id}", Map.of("200", 2400),
						"[cached-gateway-16] GET /api/catalog/products/{id}",
						Map.of("200", 1100, "429", 60, "503", 30, "connectionError", 10),
						"[cached-gateway-forwarded-16] GET /api/catalog/products/{id}", Map.of("200", 900),
						"[cached-direct-64] GET /api/catalog/products/{id}", Map.of("200", 3300),
						"[cached-gateway-64] GET /api/catalog/products/{id}", Map.of("200", 1500)),
				Map.of());

		Map<String, Object> cached = (Map<String, Object>) ((Map<String, Object>) summary.get("comparisons"))
			.get("cachedProductRead");
		Map<String, Object> at16 = (Map<String, Object>) cached.get("16");
		assertThat(at16).containsEntry("gatewayRpsOverNginx", 0.5)
			.containsEntry("gatewayRpsOverDirect", 0.4)
			.containsEntry("gatewayForwardedRpsOverNginx", 0.38)
			.containsEntry("non2xx", Map.of("direct", 0L, "nginx", 0L, "gateway", 100L, "gatewayForwarded", 0L));
		assertThat((Map<String, Object>) at16.get("gateway")).containsEntry("requestsPerSecond", 120.0)
			.containsEntry("successesPerSecond", 110.0)
			.containsEntry("p99", 60.0)
			.containsEntry("statuses", Map.of("200", 1100L, "429", 60L, "503", 30L, "connectionError", 10L));
		Map<String, Object> at64 = (Map<String, Object>) cached.get("64");
		assertThat(at64).containsEntry("gatewayRpsOverDirect", 0.45).containsEntry("gatewayRpsOverNginx", null);
		assertThat((Map<String, Object>) at64.get("nginx")).containsEntry("skipped", true);
		assertThat((Map<String, Object>) ((Map<String, Object>) cached.get("peak")).get("gateway"))
			.containsEntry("concurrency", 64)
			.containsEntry("requestsPerSecond", 150.0);
		assertThat((Map<String, Object>) summary.get("catalog")).containsEntry("cachedReadsPerSecondDirect", 330.0)
			.containsEntry("cachedReadsPerSecondGateway", 150.0);
		assertThat(Summary.markdown(summary)).contains("| 16 | gateway | 120.0 | 110.0 |")
			.contains("200×1100 429×60 503×30 connectionError×10");
	}

	@Test
	@SuppressWarnings("unchecked")
	void atHalfThePeakTheSummarySaysWhatTheGatewayAddsAtP99() throws Exception {
		Map<String, Object> summary = summarize(
				List.of(new Request("[half-peak-gateway] GET /api/catalog/products/{id}", 7500, 0, 6, 12, 31),
						new Request("[half-peak-direct] GET /api/catalog/products/{id}", 7500, 0, 2, 5, 9)),
				Map.of("half-peak-gateway", 15.0, "half-peak-direct", 15.0), Map.of(), Map.of("halfPeak",
						Map.of("targetRps", 500.0, "gatewayPeak2xxPerSecond", 1000.0, "source", "measured")));

		Map<String, Object> half = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) summary
			.get("comparisons")).get("cachedProductRead")).get("halfPeak");
		assertThat(half).containsEntry("targetRps", 500.0)
			.containsEntry("gatewayAddsP99Millis", 22.0)
			.containsEntry("gatewayAddsP50Millis", 4.0);
		assertThat((Map<String, Object>) half.get("gateway")).containsEntry("requestsPerSecond", 500.0);
		assertThat(half).doesNotContainKey("warning");
		assertThat(Summary.markdown(summary)).contains("the gateway adds 22.0 ms at p99");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aHalfPeakLegFarBelowItsTargetRateIsFlagged() throws Exception {
		Map<String, Object> summary = summarize(
				List.of(new Request("[half-peak-gateway] GET /api/catalog/products/{id}", 3000, 0, 2600, 3400, 3500),
						new Request("[half-peak-direct] GET /api/catalog/products/{id}", 7500, 0, 2, 5, 9)),
				Map.of("half-peak-gateway", 15.0, "half-peak-direct", 15.0), Map.of(),
				Map.of("halfPeak", Map.of("targetRps", 500.0, "source", "measured")));

		Map<String, Object> half = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) summary
			.get("comparisons")).get("cachedProductRead")).get("halfPeak");
		assertThat((String) half.get("warning")).contains("gateway 200.0").doesNotContain("direct");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theFlashSaleIsAsExpectedWhenEveryBuyerIsAnsweredAndLearnsFastAndTheStockSellsOutExactly() throws Exception {
		Map<String, Object> sale = flashSale(Map.of("201", 290, "429", 10), 10,
				Map.of("AWAITING_PAYMENT", 30, "REJECTED", 260, "NOT_PLACED", 10), 0, Map.of("1", 290), 1900.0);

		assertThat(sale).containsEntry("asExpected", true)
			.containsEntry("placements", Map.of("201", 290, "429", 10))
			.containsEntry("stockAfter", 0L)
			.containsEntry("refusedWithRetryAfter", 10);
		assertThat((Map<String, Object>) sale.get("expected")).containsEntry("awaitingPayment", 30L)
			.containsEntry("rejected", 260L)
			.containsEntry("stockAfter", 0L);
		assertThat((Map<String, Object>) sale.get("placementToSettledMillis")).containsEntry("count", 3);
	}

	@Test
	void theFlashSaleIsNotAsExpectedWhenAPlacementGotA503() throws Exception {
		assertThat(flashSale(Map.of("201", 280, "503", 20), 0,
				Map.of("AWAITING_PAYMENT", 30, "REJECTED", 250, "NOT_PLACED", 20), 0, Map.of("1", 280), 900.0))
			.containsEntry("asExpected", false);
	}

	@Test
	void theFlashSaleIsNotAsExpectedWhenA429SaidNotWhenToComeBack() throws Exception {
		assertThat(flashSale(Map.of("201", 290, "429", 10), 9,
				Map.of("AWAITING_PAYMENT", 30, "REJECTED", 260, "NOT_PLACED", 10), 0, Map.of("1", 290), 900.0))
			.containsEntry("asExpected", false);
	}

	@Test
	void theFlashSaleIsNotAsExpectedWhenStockIsLeftOver() throws Exception {
		assertThat(flashSale(Map.of("201", 300), 0, Map.of("AWAITING_PAYMENT", 29, "REJECTED", 271), 1,
				Map.of("1", 300), 900.0))
			.containsEntry("asExpected", false);
	}

	@Test
	void theFlashSaleIsNotAsExpectedWhenBuyersHadToAskAgainOrWaitedTooLong() throws Exception {
		Map<String, Integer> outcomes = Map.of("AWAITING_PAYMENT", 30, "REJECTED", 270);
		assertThat(flashSale(Map.of("201", 300), 0, outcomes, 0, Map.of("1", 290, "2", 10), 900.0))
			.containsEntry("asExpected", false);
		assertThat(flashSale(Map.of("201", 300), 0, outcomes, 0, Map.of("1", 300), 2600.0)).containsEntry("asExpected",
				false);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> flashSale(Map<String, Integer> placements, int refusedWithRetryAfter,
			Map<String, Integer> outcomes, int stockAfter, Map<String, Integer> requests, double slowest)
			throws Exception {
		Map<String, Object> measured = new LinkedHashMap<>();
		measured.put("buyers", 300);
		measured.put("stock", 30);
		measured.put("spreadMillis", 1000);
		measured.put("loggedIn", 300);
		measured.put("outcomes", outcomes);
		measured.put("stockAfter", stockAfter);
		measured.put("allSettledMillis", 2400);
		measured.put("placementToSettledMillis", List.of(80.0, 120.0, slowest));
		measured.put("requestsToLearnOutcome", requests);
		measured.put("refusedWithRetryAfter", refusedWithRetryAfter);
		measured.put("refusedWithoutRetryAfter", placements.getOrDefault("429", 0) - refusedWithRetryAfter);
		Map<String, Object> summary = summarize(
				List.of(new Request("[flash-sale] POST /api/orders", 300, 0, 400, 900, 1100)),
				Map.of("flash-sale", 5.0), Map.of("[flash-sale] POST /api/orders", placements),
				Map.of("flashSale", measured));
		Map<String, Object> sale = (Map<String, Object>) ((Map<String, Object>) summary.get("orders")).get("flashSale");
		assertThat(Summary.markdown(summary)).contains("Flash sale: 300 buyers");
		return sale;
	}

	@Test
	@SuppressWarnings("unchecked")
	void theOrderRatesReportTheirLatencyTheBestRateSustainedAndWhetherTheStockIsExact() throws Exception {
		Map<String, Object> orders = orderRates(List.of(20.0, 40.0, 90.0), List.of(300.0, 900.0, 1500.0), 0,
				1_000_000 - 6);

		Map<String, Object> rates = (Map<String, Object>) orders.get("rates");
		assertThat((Map<String, Object>) rates.get("50")).containsEntry("placedPerSecond", 50.0)
			.containsEntry("serverErrors", 0L);
		assertThat((Map<String, Object>) ((Map<String, Object>) rates.get("50")).get("placementToSettledMillis"))
			.containsEntry("p99", 90.0);
		// 200/s: p99 1.5 s, past the second, so the best sustained is 50/s
		assertThat(orders).containsEntry("sustainedPerSecond", 50.0);
		assertThat((Map<String, Object>) orders.get("ratesStock")).containsEntry("reserved", 6L)
			.containsEntry("exact", true);
		assertThat((Map<String, Object>) orders.get("targets")).containsEntry("p99Within100MsAt50PerSecond", true)
			.containsEntry("sustains200PerSecondWithP99WithinOneSecond", false);
	}

	@Test
	@SuppressWarnings("unchecked")
	void anOrderRateWithAServerErrorOrStockThatDoesNotAddUpMissesItsTarget() throws Exception {
		Map<String, Object> withA503 = orderRates(List.of(20.0, 40.0, 90.0), List.of(300.0, 500.0, 600.0), 1,
				1_000_000 - 6);
		assertThat((Map<String, Object>) withA503.get("targets")).containsEntry("p99Within100MsAt50PerSecond", false);
		assertThat(withA503).containsEntry("sustainedPerSecond", 200.0);

		Map<String, Object> oneUnitTooMany = orderRates(List.of(20.0, 40.0, 90.0), List.of(300.0, 500.0, 600.0), 0,
				1_000_000 - 7);
		assertThat((Map<String, Object>) oneUnitTooMany.get("ratesStock")).containsEntry("exact", false);
		assertThat((Map<String, Object>) oneUnitTooMany.get("targets")).containsEntry("p99Within100MsAt50PerSecond",
				false);
	}

	/**
	 * Two rates, 50/s and 200/s for 10 s, three orders each reserved with these
	 * latencies; {@code at50ServerErrors} 503s among the 50/s placements.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> orderRates(List<Double> at50, List<Double> at200, int at50ServerErrors,
			long stockAfter) throws Exception {
		Map<String, Object> rates = new LinkedHashMap<>();
		rates.put("50", Map.of("phase", "orders-50-per-second", "outcomes", Map.of("AWAITING_PAYMENT", 3),
				"placementToSettledMillis", at50, "requestsToLearnOutcome", Map.of("1", 3)));
		rates.put("200", Map.of("phase", "orders-200-per-second", "outcomes", Map.of("AWAITING_PAYMENT", 3),
				"placementToSettledMillis", at200, "requestsToLearnOutcome", Map.of("1", 3)));
		Map<String, Object> measured = Map.of("buyers", 200, "loggedIn", 200, "productId", "7", "stock", 1_000_000,
				"stockAfter", stockAfter, "rates", rates);
		Map<String, Integer> placedAt50 = (at50ServerErrors > 0) ? Map.of("201", 500, "503", at50ServerErrors)
				: Map.of("201", 500);
		Map<String, Object> summary = summarize(
				List.of(new Request("[orders-50-per-second] POST /api/orders", 500, 0, 40, 80, 90),
						new Request("[orders-200-per-second] POST /api/orders", 2000, 0, 300, 900, 1500)),
				Map.of("orders-50-per-second", 10.0, "orders-200-per-second", 10.0),
				Map.of("[orders-50-per-second] POST /api/orders", placedAt50,
						"[orders-200-per-second] POST /api/orders", Map.of("201", 2000)),
				Map.of("orderRates", measured));
		assertThat(Summary.markdown(summary)).contains("| 50 | 50.0 |");
		return (Map<String, Object>) summary.get("orders");
	}

	/** A request's row in Gatling's report: total, KO, p50, p95, p99. */
	private record Request(String name, int total, int ko, int p50, int p95, int p99) {
	}

	/**
	 * The summary of a run with these report rows, phase lengths and counted statuses.
	 */
	private static Map<String, Object> summarize(List<Request> requests, Map<String, Double> phases,
			Map<String, ?> statuses, Map<String, Object> more) throws Exception {
		StringBuilder html = new StringBuilder();
		List<String> names = new ArrayList<>();
		for (Request r : requests) {
			html.append(row(r.name(), r.total(), r.ko(), r.p50(), r.p95(), r.p99()));
			names.add(r.name());
		}
		Map<String, Object> windows = new LinkedHashMap<>();
		phases.forEach((phase, seconds) -> windows.put(phase, Map.of("seconds", seconds)));
		Map<String, Object> measurements = new LinkedHashMap<>();
		measurements.put("startedAt", "2026-12-01T10:00:00Z");
		measurements.put("phases", windows);
		measurements.put("statuses", statuses);
		measurements.put("requestNames", names);
		measurements.put("processes", Map.of());
		measurements.put("files", Map.of("available", false));
		measurements.putAll(more);
		var json = JSON.readTree(JSON.writeValueAsString(measurements));
		return Summary.summarize(Summary.rows(html.toString(), json.path("requestNames")), json,
				Path.of("report/index.html"));
	}

	private static String row(String name, int total, int ko, int p50, int p95, int p99) {
		return "<tr id=\"" + Summary.reportId(name) + "\" data-parent=\"ROOT\">\n"
				+ cells(2, Integer.toString(total), Integer.toString(total - ko), Integer.toString(ko), "0", "0", "1",
						Integer.toString(p50), Integer.toString(p50), Integer.toString(p95), Integer.toString(p99),
						Integer.toString(p99), Integer.toString(p50), "1")
				+ "</tr>";
	}

	private static String cells(int first, String... values) {
		StringBuilder html = new StringBuilder();
		for (int i = 0; i < values.length; i++) {
			String kind = (first + i == 3) ? "ok" : (first + i == 4 || first + i == 5) ? "ko" : "total";
			html.append("  <td class=\"value ")
				.append(kind)
				.append(" col-")
				.append(first + i)
				.append("\">")
				.append(values[i])
				.append("</td>\n");
		}
		return html.toString();
	}

}
