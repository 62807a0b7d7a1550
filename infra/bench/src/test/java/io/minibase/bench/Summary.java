package io.minibase.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a bench run into {@code summary.json} (what the sizing guide quotes) and
 * {@code summary.md} (the same, to read): Gatling's per-request statistics, divided by
 * the length of the phase they ran in, joined with what the simulation measured itself
 * (processes, placement-to-reserved latency, files, nginx).
 *
 * <p>
 * {@code java io.minibase.bench.Summary <gatling report folder> <measurements.json> <out folder>}
 */
public final class Summary {

	private static final Pattern NAME = Pattern.compile("^\\[([a-z0-9-]+)\\] (.*)$");

	/** The closed-model legs of the cached-read comparison: leg and connections. */
	private static final Pattern CACHED_PHASE = Pattern
		.compile("^cached-(direct|nginx|gateway-forwarded|gateway)-(\\d+)$");

	private static final String CACHED_READ = "/api/catalog/products/{id}";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern ROW = Pattern.compile("<tr id=\"(req_[^\"]*)\"[^>]*>(.*?)</tr>", Pattern.DOTALL);

	private static final Pattern CELL = Pattern.compile("<td class=\"value (?:total|ok|ko) col-(\\d+)\">([^<]*)</td>");

	private Summary() {
	}

	public static void main(String[] args) throws IOException {
		Path report = Path.of(args[0]);
		JsonNode measurements = JSON.readTree(Path.of(args[1]).toFile());
		Path out = Path.of(args[2]);
		List<Row> rows = rows(Files.readString(report.resolve("index.html")), measurements.path("requestNames"));
		Map<String, Object> summary = summarize(rows, measurements, report.resolve("index.html"));
		Files.createDirectories(out);
		JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("summary.json").toFile(), summary);
		String text = markdown(summary);
		Files.writeString(out.resolve("summary.md"), text);
		System.out.println(text);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> summarize(List<Row> rows, JsonNode measurements, Path reportIndex) {
		Map<String, Double> seconds = new LinkedHashMap<>();
		measurements.path("phases")
			.properties()
			.forEach((e) -> seconds.put(e.getKey(), e.getValue().path("seconds").asDouble()));

		JsonNode statuses = measurements.path("statuses");
		List<Map<String, Object>> endpoints = new ArrayList<>();
		rows.forEach((row) -> {
			Map<String, Object> endpoint = row.toMap(seconds);
			withStatuses(endpoint, statuses.path(row.name()));
			endpoints.add(endpoint);
		});

		Map<String, Object> phases = new LinkedHashMap<>();
		seconds.forEach((phase, length) -> {
			long total = 0;
			long ko = 0;
			Map<String, Long> byStatus = new TreeMap<>();
			for (Map<String, Object> endpoint : endpoints) {
				if (phase.equals(endpoint.get("phase"))) {
					total += (long) endpoint.get("requests");
					ko += (long) endpoint.get("errors");
					((Map<String, Long>) endpoint.getOrDefault("statuses", Map.of()))
						.forEach((status, n) -> byStatus.merge(status, n, Long::sum));
				}
			}
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("seconds", length);
			p.put("requests", total);
			p.put("requestsPerSecond", rate(total, length));
			p.put("errorRate", (total > 0) ? round(1.0 * ko / total, 4) : 0.0);
			p.put("statuses", byStatus);
			phases.put(phase, p);
		});

		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("startedAt", measurements.path("startedAt").asText());
		summary.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "memoryMb", memoryMb(),
				"note", "the bench runs on the same machine as the stack it measures"));
		summary.put("settings", JSON.convertValue(measurements.path("settings"), Map.class));
		summary.put("report", reportIndex.toAbsolutePath().toString());
		summary.put("phases", phases);

		Map<String, Object> headline = new LinkedHashMap<>();
		Map<String, Object> mix = (Map<String, Object>) phases.getOrDefault("mix", Map.of());
		headline.put("mixRequestsPerSecond", mix.get("requestsPerSecond"));
		headline.put("mixErrorRate", mix.get("errorRate"));
		summary.put("mix", headline);

		Map<String, Object> comparisons = new LinkedHashMap<>();
		Map<String, Object> cached = cachedProductRead(endpoints, seconds.keySet(),
				measurements.path("nginx").path("note").asText("the nginx leg did not run"));
		cached.put("halfPeak", halfPeak(endpoints, measurements.path("halfPeak")));
		comparisons.put("cachedProductRead", cached);
		summary.put("comparisons", comparisons);
		summary.put("clients", JSON.convertValue(measurements.path("clients"), Map.class));

		Map<String, Object> peak = (Map<String, Object>) cached.get("peak");
		Map<String, Object> catalog = new LinkedHashMap<>();
		catalog.put("cachedReadsPerSecondDirect",
				((Map<String, Object>) peak.getOrDefault("direct", Map.of())).get("requestsPerSecond"));
		catalog.put("cachedReadsPerSecondGateway",
				((Map<String, Object>) peak.getOrDefault("gateway", Map.of())).get("requestsPerSecond"));
		catalog.put("uncachedListReadsPerSecondDirect",
				leg(endpoints, "uncached-direct", "/api/catalog/products?categoryId").get("requestsPerSecond"));
		catalog.put("uncachedListReadsPerSecondGateway",
				leg(endpoints, "uncached-gateway", "/api/catalog/products?categoryId").get("requestsPerSecond"));
		summary.put("catalog", catalog);

		Map<String, Object> auth = new LinkedHashMap<>();
		auth.put("loginsPerSecond", leg(endpoints, "auth-login", "/api/auth/wechat/login").get("requestsPerSecond"));
		auth.put("tokenChecksPerSecond", leg(endpoints, "auth-token", "/api/users/me").get("requestsPerSecond"));
		summary.put("auth", auth);

		Map<String, Object> orders = new LinkedHashMap<>();
		if (measurements.path("orderRates").isObject()) {
			orders.putAll(orderRates(phases, statuses, measurements.path("orderRates")));
		}
		Map<String, Object> latency = new LinkedHashMap<>();
		measurements.path("placementToAwaitingPaymentMillis").properties().forEach((e) -> {
			List<Double> values = new ArrayList<>();
			e.getValue().forEach((v) -> values.add(v.asDouble()));
			latency.put(e.getKey(), percentiles(values));
		});
		orders.put("placementToAwaitingPaymentMillis", latency);
		orders.put("outcomes", JSON.convertValue(measurements.path("orderOutcomes"), Map.class));
		if (measurements.path("flashSale").isObject()) {
			orders.put("flashSale", flashSale(endpoints, statuses, measurements.path("flashSale")));
		}
		summary.put("orders", orders);

		Map<String, Object> files = new LinkedHashMap<>(JSON.convertValue(measurements.path("files"), Map.class));
		if (Boolean.TRUE.equals(files.get("available"))) {
			// uploads stored, not requests sent: a 429 (the per-user rate) is no upload
			Map<String, Object> uploads = leg(endpoints, "files-upload", "/api/files");
			files.put("uploadsPerSecond", succeeded(uploads));
			files.put("uploadErrors", uploads.get("errors"));
			files.put("cachedImagesPerSecond",
					leg(endpoints, "files-image", "/api/files/{id}?w=200").get("requestsPerSecond"));
		}
		summary.put("files", files);

		Map<String, Object> processes = JSON.convertValue(measurements.path("processes"), Map.class);
		summary.put("processes", processes);
		Map<String, Object> totals = new LinkedHashMap<>();
		for (String phase : List.of("idle", "mix")) {
			double rss = 0;
			double cpu = 0;
			for (Object process : processes.entrySet()) {
				Map.Entry<String, Object> entry = (Map.Entry<String, Object>) process;
				// the stack is what a shop runs: not the bench's own JVM and nginx, nor
				// the WeChat stub that stands in for WeChat
				if (entry.getKey().contains("bench") || entry.getKey().contains("stub")) {
					continue;
				}
				Map<String, Object> byPhase = (Map<String, Object>) ((Map<String, Object>) entry.getValue())
					.get("phases");
				Map<String, Object> usage = (Map<String, Object>) byPhase.get(phase);
				if (usage != null) {
					rss += ((Number) usage.get("rssMbAvg")).doubleValue();
					cpu += ((Number) usage.get("cpuPercent")).doubleValue();
				}
			}
			totals.put(phase, Map.of("rssMb", round(rss, 1), "cpuPercent", round(cpu, 1)));
		}
		summary.put("stackTotals", totals);
		summary.put("endpoints", endpoints);
		return summary;
	}

	/**
	 * The statistics table of Gatling's report (3.15 writes no stats.json): one row per
	 * request, found by its id (the shown name is cut), columns total, ok, ko, %ko,
	 * cnt/s, min, p50, p75, p95, p99, max, mean, std.
	 */
	static List<Row> rows(String html, JsonNode requestNames) {
		Map<String, String> byId = new LinkedHashMap<>();
		requestNames.forEach((n) -> byId.put(reportId(n.asText()), n.asText()));
		List<Row> rows = new ArrayList<>();
		Matcher row = ROW.matcher(html);
		while (row.find()) {
			String name = byId.get(row.group(1));
			if (name == null) {
				continue;
			}
			Map<Integer, Double> cells = new LinkedHashMap<>();
			Matcher cell = CELL.matcher(row.group(2));
			while (cell.find()) {
				try {
					cells.put(Integer.parseInt(cell.group(1)),
							Double.parseDouble(cell.group(2).replace(",", "").trim()));
				}
				catch (NumberFormatException ex) {
					cells.put(Integer.parseInt(cell.group(1)), 0.0);
				}
			}
			rows.add(new Row(name, cells));
		}
		return rows;
	}

	/**
	 * The id Gatling gives a request's row: its name's first 16 characters, then its
	 * hash.
	 */
	static String reportId(String name) {
		String safe = name.replaceAll("[^a-zA-Z0-9]", "-").toLowerCase(Locale.ROOT);
		return "req_" + safe.substring(0, Math.min(15, safe.length())) + "-" + name.hashCode();
	}

	record Row(String name, Map<Integer, Double> cells) {

		Map<String, Object> toMap(Map<String, Double> seconds) {
			Matcher m = NAME.matcher(this.name);
			String phase = m.matches() ? m.group(1) : "";
			long total = Math.round(cell(2));
			long ko = Math.round(cell(4));
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("phase", phase);
			e.put("endpoint", m.matches() ? m.group(2) : this.name);
			e.put("requests", total);
			e.put("errors", ko);
			e.put("errorRate", (total > 0) ? round(1.0 * ko / total, 4) : 0.0);
			e.put("requestsPerSecond", rate(total, seconds.getOrDefault(phase, 0.0)));
			e.put("p50", cell(8));
			e.put("p75", cell(9));
			e.put("p95", cell(10));
			e.put("p99", cell(11));
			e.put("max", cell(12));
			e.put("mean", cell(13));
			return e;
		}

		private double cell(int column) {
			return this.cells.getOrDefault(column, 0.0);
		}

	}

	private static Map<String, Object> leg(List<Map<String, Object>> endpoints, String phase, String endpoint) {
		for (Map<String, Object> e : endpoints) {
			if (phase.equals(e.get("phase")) && ((String) e.get("endpoint")).endsWith(" " + endpoint)) {
				Map<String, Object> leg = new LinkedHashMap<>();
				for (String key : List.of("requests", "requestsPerSecond", "successesPerSecond", "errors", "errorRate",
						"p50", "p95", "p99", "statuses", "non2xx")) {
					if (e.containsKey(key)) {
						leg.put(key, e.get(key));
					}
				}
				return leg;
			}
		}
		return Map.of();
	}

	/**
	 * Adds what the simulation counted of this request's answers: {@code statuses}
	 * (status or {@code connectionError} -> count), {@code non2xx} and
	 * {@code successesPerSecond} (2xx answers over the phase).
	 */
	private static void withStatuses(Map<String, Object> endpoint, JsonNode counted) {
		if (!counted.isObject()) {
			return;
		}
		Map<String, Long> statuses = new TreeMap<>();
		long non2xx = 0;
		for (Map.Entry<String, JsonNode> status : counted.properties()) {
			statuses.put(status.getKey(), status.getValue().asLong());
			if (!Statuses.isSuccess(status.getKey())) {
				non2xx += status.getValue().asLong();
			}
		}
		long answered = statuses.values().stream().mapToLong(Long::longValue).sum();
		long requests = (long) endpoint.get("requests");
		double rate = ((Number) endpoint.get("requestsPerSecond")).doubleValue();
		endpoint.put("statuses", statuses);
		endpoint.put("non2xx", non2xx);
		endpoint.put("successesPerSecond",
				(requests > 0) ? round(rate * (answered - non2xx) / Math.max(requests, answered), 1) : 0.0);
	}

	/**
	 * The cached read straight to catalog-service, through nginx and through the gateway
	 * at each concurrency that ran ({@code "16"}, {@code "64"}, ...): the legs, the
	 * gateway's rate over the others', every leg's non-2xx answers; and each leg's best
	 * rate ({@code peak}).
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> cachedProductRead(List<Map<String, Object>> endpoints, Set<String> phases,
			String nginxNote) {
		Set<Integer> concurrencies = new TreeSet<>();
		for (String phase : phases) {
			Matcher m = CACHED_PHASE.matcher(phase);
			if (m.matches()) {
				concurrencies.add(Integer.parseInt(m.group(2)));
			}
		}
		Map<String, Object> cached = new LinkedHashMap<>();
		Map<String, Object> peak = new LinkedHashMap<>();
		for (int c : concurrencies) {
			Map<String, Object> direct = leg(endpoints, "cached-direct-" + c, CACHED_READ);
			Map<String, Object> nginx = leg(endpoints, "cached-nginx-" + c, CACHED_READ);
			Map<String, Object> gateway = leg(endpoints, "cached-gateway-" + c, CACHED_READ);
			Map<String, Object> forwarded = leg(endpoints, "cached-gateway-forwarded-" + c, CACHED_READ);
			Map<String, Object> at = new LinkedHashMap<>();
			at.put("direct", direct);
			at.put("nginx", nginx.isEmpty() ? Map.of("skipped", true, "note", nginxNote) : nginx);
			at.put("gateway", gateway);
			at.put("gatewayForwarded", forwarded);
			at.put("gatewayRpsOverNginx", ratio(gateway, nginx, "requestsPerSecond"));
			at.put("gatewayForwardedRpsOverNginx", ratio(forwarded, nginx, "requestsPerSecond"));
			at.put("gatewayRpsOverDirect", ratio(gateway, direct, "requestsPerSecond"));
			at.put("nginxRpsOverDirect", ratio(nginx, direct, "requestsPerSecond"));
			at.put("gatewayP99OverNginx", ratio(gateway, nginx, "p99"));
			at.put("gatewayP99OverDirect", ratio(gateway, direct, "p99"));
			Map<String, Object> non2xx = new LinkedHashMap<>();
			non2xx.put("direct", direct.get("non2xx"));
			non2xx.put("nginx", nginx.get("non2xx"));
			non2xx.put("gateway", gateway.get("non2xx"));
			non2xx.put("gatewayForwarded", forwarded.get("non2xx"));
			at.put("non2xx", non2xx);
			cached.put(Integer.toString(c), at);
			for (Map.Entry<String, Map<String, Object>> leg : Map
				.of("direct", direct, "nginx", nginx, "gateway", gateway, "gatewayForwarded", forwarded)
				.entrySet()) {
				Object best = ((Map<String, Object>) peak.getOrDefault(leg.getKey(), Map.of()))
					.get("requestsPerSecond");
				if (leg.getValue().get("requestsPerSecond") instanceof Number rate
						&& (!(best instanceof Number b) || rate.doubleValue() > b.doubleValue())) {
					Map<String, Object> p = new LinkedHashMap<>();
					p.put("concurrency", c);
					p.put("requestsPerSecond", rate);
					p.put("successesPerSecond", leg.getValue().get("successesPerSecond"));
					p.put("p99", leg.getValue().get("p99"));
					peak.put(leg.getKey(), p);
				}
			}
		}
		Map<String, Object> ordered = new LinkedHashMap<>();
		for (String leg : List.of("direct", "nginx", "gateway", "gatewayForwarded")) {
			if (peak.containsKey(leg)) {
				ordered.put(leg, peak.get(leg));
			}
		}
		cached.put("peak", ordered);
		return cached;
	}

	/**
	 * The open-model phases at half the gateway's peak: p50/p95/p99 through the gateway
	 * and direct at the same arrival rate, and what the gateway adds to each.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> halfPeak(List<Map<String, Object>> endpoints, JsonNode measured) {
		Map<String, Object> out = new LinkedHashMap<>();
		if (measured.isObject()) {
			out.putAll(JSON.convertValue(measured, Map.class));
		}
		Map<String, Object> gateway = leg(endpoints, "half-peak-gateway", CACHED_READ);
		Map<String, Object> direct = leg(endpoints, "half-peak-direct", CACHED_READ);
		out.put("gateway", gateway);
		out.put("direct", direct);
		out.put("gatewayAddsP50Millis", difference(gateway, direct, "p50"));
		out.put("gatewayAddsP95Millis", difference(gateway, direct, "p95"));
		out.put("gatewayAddsP99Millis", difference(gateway, direct, "p99"));
		// The rate is requests over the phase's window, which ends with the last answer:
		// a
		// leg far below the target was answered too slowly for its arrivals (the machine
		// was busy), so its latencies are not those at half the peak.
		if (out.get("targetRps") instanceof Number target && target.doubleValue() > 0) {
			List<String> behind = new ArrayList<>();
			for (Map.Entry<String, Map<String, Object>> leg : List.of(Map.entry("gateway", gateway),
					Map.entry("direct", direct))) {
				if (leg.getValue().get("requestsPerSecond") instanceof Number rate
						&& rate.doubleValue() < 0.8 * target.doubleValue()) {
					behind.add(leg.getKey() + " " + rate);
				}
			}
			if (!behind.isEmpty()) {
				out.put("warning", "below 80% of the target rate (" + String.join(", ", behind) + " req/s of " + target
						+ "): answers lagged behind arrivals, so these latencies are not at half the peak");
			}
		}
		return out;
	}

	/**
	 * The fixed-rate order phases: per rate, the placements' statuses, the orders placed
	 * per second, the server errors (5xx and no answer, placements and polls), placement
	 * to outcome, how many buyers learned it from the placement's answer; then whether
	 * the product's stock went down by exactly the orders reserved, the best rate
	 * sustained with p99 within a second and no server error, and the targets.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> orderRates(Map<String, Object> phases, JsonNode statuses, JsonNode measured) {
		Map<String, Object> rates = new LinkedHashMap<>();
		long reserved = 0;
		long pending = 0;
		long rejected = 0;
		Object sustained = null;
		for (Map.Entry<String, JsonNode> entry : measured.path("rates").properties()) {
			JsonNode rate = entry.getValue();
			String phase = rate.path("phase").asText();
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("targetPerSecond", Integer.parseInt(entry.getKey()));
			Object seconds = ((Map<String, Object>) phases.getOrDefault(phase, Map.of())).get("seconds");
			out.put("seconds", seconds);
			Map<String, Object> placements = orEmpty(
					JSON.convertValue(statuses.path("[" + phase + "] POST /api/orders"), Map.class));
			Map<String, Object> polls = orEmpty(
					JSON.convertValue(statuses.path("[" + phase + "] GET /api/orders/{id}"), Map.class));
			out.put("placements", placements);
			out.put("polls", polls);
			out.put("placedPerSecond", (seconds instanceof Number n && n.doubleValue() > 0)
					? round(count(placements, "201") / n.doubleValue(), 1) : null);
			long serverErrors = serverErrors(placements) + serverErrors(polls);
			out.put("serverErrors", serverErrors);
			Map<String, Object> outcomes = orEmpty(JSON.convertValue(rate.path("outcomes"), Map.class));
			out.put("outcomes", outcomes);
			List<Double> settled = new ArrayList<>();
			rate.path("placementToSettledMillis").forEach((v) -> settled.add(v.asDouble()));
			Map<String, Object> latency = percentiles(settled);
			out.put("placementToSettledMillis", latency);
			out.put("requestsToLearnOutcome", JSON.convertValue(rate.path("requestsToLearnOutcome"), Map.class));
			reserved += count(outcomes, "AWAITING_PAYMENT");
			pending += count(outcomes, "PENDING");
			rejected += count(outcomes, "REJECTED");
			if (serverErrors == 0 && latency.get("p99") instanceof Number p99 && p99.doubleValue() <= 1000
					&& count(outcomes, "AWAITING_PAYMENT") > 0) {
				Object placed = out.get("placedPerSecond");
				if (placed instanceof Number n
						&& (!(sustained instanceof Number best) || n.doubleValue() > best.doubleValue())) {
					sustained = n;
				}
			}
			rates.put(entry.getKey(), out);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("rates", rates);
		Map<String, Object> stock = new LinkedHashMap<>();
		Object stockAfter = measured.path("stockAfter").isNumber() ? measured.path("stockAfter").asLong() : null;
		long initial = measured.path("stock").asLong();
		stock.put("productId", measured.path("productId").asText(null));
		stock.put("stock", initial);
		stock.put("reserved", reserved);
		stock.put("rejected", rejected);
		stock.put("stillPending", pending);
		stock.put("stockAfter", stockAfter);
		stock.put("exact", pending == 0 && rejected == 0 && Long.valueOf(initial - reserved).equals(stockAfter));
		result.put("ratesStock", stock);
		result.put("sustainedPerSecond", sustained);
		Map<String, Object> at50 = (Map<String, Object>) rates.getOrDefault("50", Map.of());
		Map<String, Object> at200 = (Map<String, Object>) rates.getOrDefault("200", Map.of());
		Map<String, Object> targets = new LinkedHashMap<>();
		targets.put("p99Within100MsAt50PerSecond", within(at50, 100) && Boolean.TRUE.equals(stock.get("exact")));
		targets.put("p99Within50MsAt100PerSecond",
				within((Map<String, Object>) rates.getOrDefault("100", Map.of()), 50));
		targets.put("sustains200PerSecondWithP99WithinOneSecond",
				within(at200, 1000) && at200.get("placedPerSecond") instanceof Number n && n.doubleValue() >= 190);
		result.put("targets", targets);
		return result;
	}

	/** No server error, and placement to outcome at p99 within {@code millis}. */
	@SuppressWarnings("unchecked")
	private static boolean within(Map<String, Object> rate, double millis) {
		return rate.get("serverErrors") instanceof Number errors && errors.longValue() == 0
				&& ((Map<String, Object>) rate.getOrDefault("placementToSettledMillis", Map.of()))
					.get("p99") instanceof Number p99
				&& p99.doubleValue() <= millis;
	}

	private static long serverErrors(Map<String, Object> statuses) {
		long errors = 0;
		for (Map.Entry<String, Object> e : statuses.entrySet()) {
			if ((e.getKey().startsWith("5") || e.getKey().equals(Statuses.NO_ANSWER))
					&& e.getValue() instanceof Number n) {
				errors += n.longValue();
			}
		}
		return errors;
	}

	private static Map<String, Object> orEmpty(Map<String, Object> map) {
		return (map != null) ? map : new LinkedHashMap<>();
	}

	/**
	 * The flash sale: the status of every placement, how the orders ended, the stock
	 * after, and whether that is what the issue asks: every placement answered 201, or
	 * 429 with {@code Retry-After} (never a 5xx); exactly as many reserved as there were
	 * units, the rest rejected, none left; every buyer who placed learned the outcome
	 * within 2 s from one request.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> flashSale(List<Map<String, Object>> endpoints, JsonNode statuses, JsonNode measured) {
		int buyers = measured.path("buyers").asInt();
		int stock = measured.path("stock").asInt();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("buyers", buyers);
		out.put("stock", stock);
		out.put("spreadMillis", measured.path("spreadMillis").asLong());
		out.put("productId", measured.path("productId").asText(null));
		out.put("loggedIn", measured.path("loggedIn").asInt());
		out.put("logins",
				orEmpty(JSON.convertValue(statuses.path("[flash-sale-login] POST /api/auth/wechat/login"), Map.class)));
		Map<String, Object> placements = orEmpty(
				JSON.convertValue(statuses.path("[flash-sale] POST /api/orders"), Map.class));
		out.put("placements", placements);
		Map<String, Object> timing = leg(endpoints, "flash-sale", "/api/orders");
		Map<String, Object> placementMillis = new LinkedHashMap<>();
		for (String key : List.of("p50", "p95", "p99")) {
			placementMillis.put(key, timing.get(key));
		}
		out.put("placementMillis", placementMillis);
		int refusedWithRetryAfter = measured.path("refusedWithRetryAfter").asInt();
		out.put("refusedWithRetryAfter", refusedWithRetryAfter);
		out.put("refusedWithoutRetryAfter", measured.path("refusedWithoutRetryAfter").asInt());
		Map<String, Object> outcomes = orEmpty(JSON.convertValue(measured.path("outcomes"), Map.class));
		out.put("outcomes", outcomes);
		Long stockAfter = measured.path("stockAfter").isNumber() ? measured.path("stockAfter").asLong() : null;
		out.put("stockAfter", stockAfter);
		if (measured.has("allSettledMillis")) {
			out.put("allSettledMillis", measured.path("allSettledMillis").asLong());
		}
		List<Double> settled = new ArrayList<>();
		measured.path("placementToSettledMillis").forEach((v) -> settled.add(v.asDouble()));
		Map<String, Object> latency = percentiles(settled);
		out.put("placementToSettledMillis", latency);
		Map<String, Object> requests = orEmpty(JSON.convertValue(measured.path("requestsToLearnOutcome"), Map.class));
		out.put("requestsToLearnOutcome", requests);
		long created = count(placements, "201");
		long reserved = Math.min(stock, created);
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("answered", buyers + " placements: 201, or 429 with Retry-After");
		expected.put("awaitingPayment", reserved);
		expected.put("rejected", created - reserved);
		expected.put("stockAfter", stock - reserved);
		expected.put("learnedWithinMillis", 2000);
		out.put("expected", expected);
		long answered = created + refusedWithRetryAfter;
		boolean learnedInOne = count(requests, "1") == created && latency.get("max") instanceof Number max
				&& max.doubleValue() <= 2000;
		out.put("asExpected",
				answered == buyers && count(outcomes, "AWAITING_PAYMENT") == reserved
						&& count(outcomes, "REJECTED") == created - reserved
						&& Long.valueOf(stock - reserved).equals(stockAfter) && learnedInOne);
		return out;
	}

	@SuppressWarnings("unchecked")
	private static long count(Object counts, String key) {
		return ((Map<String, Object>) counts).get(key) instanceof Number n ? n.longValue() : 0;
	}

	private static Object difference(Map<String, Object> a, Map<String, Object> b, String key) {
		if (!(a.get(key) instanceof Number x) || !(b.get(key) instanceof Number y)) {
			return null;
		}
		return round(x.doubleValue() - y.doubleValue(), 1);
	}

	/** Requests per second that succeeded. */
	private static Object succeeded(Map<String, Object> leg) {
		if (!(leg.get("requestsPerSecond") instanceof Number rate) || !(leg.get("requests") instanceof Number requests)
				|| requests.doubleValue() == 0) {
			return null;
		}
		double errors = (leg.get("errors") instanceof Number e) ? e.doubleValue() : 0;
		return round(rate.doubleValue() * (requests.doubleValue() - errors) / requests.doubleValue(), 1);
	}

	private static Object ratio(Map<String, Object> a, Map<String, Object> b, String key) {
		if (!(a.get(key) instanceof Number x) || !(b.get(key) instanceof Number y) || y.doubleValue() == 0) {
			return null;
		}
		return round(x.doubleValue() / y.doubleValue(), 2);
	}

	private static Map<String, Object> percentiles(List<Double> values) {
		Collections.sort(values);
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("count", values.size());
		if (!values.isEmpty()) {
			p.put("p50", round(at(values, 0.50), 1));
			p.put("p95", round(at(values, 0.95), 1));
			p.put("p99", round(at(values, 0.99), 1));
			p.put("max", round(values.get(values.size() - 1), 1));
		}
		return p;
	}

	private static double at(List<Double> sorted, double q) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
	}

	private static double rate(long count, double seconds) {
		return (seconds > 0) ? round(count / seconds, 1) : 0.0;
	}

	private static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

	private static long memoryMb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return -1;
	}

	@SuppressWarnings("unchecked")
	static String markdown(Map<String, Object> s) {
		StringBuilder md = new StringBuilder();
		md.append("# minibase bench, ").append(s.get("startedAt")).append("\n\n");
		md.append("Report: ").append(s.get("report")).append("\n\n");
		md.append("| phase | s | requests | req/s | errors |\n|---|---|---|---|---|\n");
		((Map<String, Object>) s.get("phases")).forEach((name, value) -> {
			Map<String, Object> p = (Map<String, Object>) value;
			md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %.2f%% |%n", name, p.get("seconds"),
					p.get("requests"), p.get("requestsPerSecond"), 100 * ((Number) p.get("errorRate")).doubleValue()));
		});
		md.append("\n| phase | endpoint | req/s | p50 | p95 | p99 ms | errors | statuses |\n"
				+ "|---|---|---|---|---|---|---|---|\n");
		((List<Map<String, Object>>) s.get("endpoints"))
			.forEach((e) -> md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.0f | %s | %s |%n",
					e.get("phase"), e.get("endpoint"), e.get("requestsPerSecond"), e.get("p50"), e.get("p95"),
					e.get("p99"), e.get("errors"), statuses(e.get("statuses")))));
		Map<String, Object> cached = (Map<String, Object>) ((Map<String, Object>) s.get("comparisons"))
			.get("cachedProductRead");
		md.append("\n## Cached product read: direct, nginx, gateway\n\n")
			.append("| users | leg | req/s | 2xx/s | p50 | p95 | p99 ms | statuses |\n|---|---|---|---|---|---|---|---|\n");
		cached.forEach((users, value) -> {
			if (!users.chars().allMatch(Character::isDigit)) {
				return;
			}
			for (String leg : List.of("direct", "nginx", "gateway", "gatewayForwarded")) {
				Map<String, Object> l = (Map<String, Object>) ((Map<String, Object>) value).getOrDefault(leg, Map.of());
				md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", users, leg,
						l.getOrDefault("requestsPerSecond", "skipped"), l.get("successesPerSecond"), l.get("p50"),
						l.get("p95"), l.get("p99"), statuses(l.get("statuses"))));
			}
		});
		md.append("\n| users | gateway / nginx req/s | gateway forwarded / nginx req/s | gateway / direct req/s | "
				+ "non-2xx direct / nginx / gateway / forwarded |\n|---|---|---|---|---|\n");
		cached.forEach((users, value) -> {
			if (!users.chars().allMatch(Character::isDigit)) {
				return;
			}
			Map<String, Object> at = (Map<String, Object>) value;
			Map<String, Object> non2xx = (Map<String, Object>) at.get("non2xx");
			md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s / %s / %s / %s |%n", users,
					at.get("gatewayRpsOverNginx"), at.get("gatewayForwardedRpsOverNginx"),
					at.get("gatewayRpsOverDirect"), non2xx.get("direct"), non2xx.get("nginx"), non2xx.get("gateway"),
					non2xx.get("gatewayForwarded")));
		});
		Map<String, Object> half = (Map<String, Object>) cached.get("halfPeak");
		Map<String, Object> hg = (Map<String, Object>) half.get("gateway");
		Map<String, Object> hd = (Map<String, Object>) half.get("direct");
		md.append(String.format(Locale.ROOT,
				"%nAt half the gateway's peak (%s req/s, %s, of its best %s 2xx/s in %s): gateway %s req/s p50 %s "
						+ "p99 %s ms, direct %s req/s p50 %s p99 %s ms: the gateway adds %s ms at p99 (%s ms at p50).%s%n",
				half.get("targetRps"), half.get("source"), half.get("gatewayPeak2xxPerSecond"), half.get("peakPhase"),
				hg.get("requestsPerSecond"), hg.get("p50"), hg.get("p99"), hd.get("requestsPerSecond"), hd.get("p50"),
				hd.get("p99"), half.get("gatewayAddsP99Millis"), half.get("gatewayAddsP50Millis"),
				((half.get("note") != null) ? " " + half.get("note") : "")
						+ ((half.get("warning") != null) ? " WARNING: " + half.get("warning") : "")));
		Map<String, Object> ordered = (Map<String, Object>) s.get("orders");
		Map<String, Object> rates = (Map<String, Object>) ordered.get("rates");
		if (rates != null && !rates.isEmpty()) {
			md.append("\n| orders/s asked | placed/s | placements | 5xx | placed -> outcome p50 / p99 / max ms | "
					+ "outcome in 1 request | outcomes |\n|---|---|---|---|---|---|---|\n");
			rates.forEach((rate, value) -> {
				Map<String, Object> r = (Map<String, Object>) value;
				Map<String, Object> latency = (Map<String, Object>) r.get("placementToSettledMillis");
				Map<String, Object> requests = (Map<String, Object>) r.get("requestsToLearnOutcome");
				md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s / %s / %s | %s | %s |%n", rate,
						r.get("placedPerSecond"), statuses(r.get("placements")), r.get("serverErrors"),
						latency.get("p50"), latency.get("p99"), latency.get("max"),
						(requests != null) ? requests.getOrDefault("1", 0) : 0, statuses(r.get("outcomes"))));
			});
			md.append(String.format(Locale.ROOT, "%nFixed-rate orders' stock: %s; sustained %s orders/s; targets %s.%n",
					ordered.get("ratesStock"), ordered.get("sustainedPerSecond"), ordered.get("targets")));
		}
		Map<String, Object> sale = (Map<String, Object>) ordered.get("flashSale");
		if (sale != null) {
			md.append(String.format(Locale.ROOT,
					"%nFlash sale: %s buyers (%s logged in) for %s units within %s ms: placements %s (p99 %s ms); "
							+ "orders %s; stock after %s; placed -> outcome p99 %s ms, max %s ms; requests to learn "
							+ "it %s; all settled %s ms after the first placement: %s.%n",
					sale.get("buyers"), sale.get("loggedIn"), sale.get("stock"), sale.get("spreadMillis"),
					statuses(sale.get("placements")), ((Map<String, Object>) sale.get("placementMillis")).get("p99"),
					statuses(sale.get("outcomes")), sale.get("stockAfter"),
					((Map<String, Object>) sale.get("placementToSettledMillis")).get("p99"),
					((Map<String, Object>) sale.get("placementToSettledMillis")).get("max"),
					statuses(sale.get("requestsToLearnOutcome")), sale.get("allSettledMillis"),
					Boolean.TRUE.equals(sale.get("asExpected")) ? "as expected"
							: "NOT as expected " + sale.get("expected")));
		}
		Map<String, Object> orders = new LinkedHashMap<>(ordered);
		orders.remove("rates");
		orders.remove("flashSale");
		md.append("\nClients: ")
			.append(s.get("clients"))
			.append("\n\nAuth: ")
			.append(s.get("auth"))
			.append("\n\nCatalog: ")
			.append(s.get("catalog"))
			.append("\n\nOrders: ")
			.append(orders)
			.append("\n\nFiles: ")
			.append(s.get("files"))
			.append("\n\n| process | idle CPU % | idle RSS MB | mix CPU % | mix RSS MB (avg/max) |\n|---|---|---|---|---|\n");
		((Map<String, Object>) s.get("processes")).forEach((name, value) -> {
			Map<String, Object> phases = (Map<String, Object>) ((Map<String, Object>) value).get("phases");
			Map<String, Object> idle = (Map<String, Object>) phases.getOrDefault("idle", Map.of());
			Map<String, Object> mix = (Map<String, Object>) phases.getOrDefault("mix", Map.of());
			md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s / %s |%n", name, idle.get("cpuPercent"),
					idle.get("rssMbAvg"), mix.get("cpuPercent"), mix.get("rssMbAvg"), mix.get("rssMbMax")));
		});
		md.append("\nStack totals (without the bench's own JVM and nginx, and the WeChat stub): ")
			.append(s.get("stackTotals"))
			.append('\n');
		return md.toString();
	}

	/** {@code 200×1234 429×5}: every status counted, or empty when none were. */
	@SuppressWarnings("unchecked")
	private static String statuses(Object counts) {
		if (!(counts instanceof Map<?, ?> map) || map.isEmpty()) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		((Map<String, Object>) map)
			.forEach((status, n) -> text.append((text.length() > 0) ? " " : "").append(status).append('×').append(n));
		return text.toString();
	}

}
