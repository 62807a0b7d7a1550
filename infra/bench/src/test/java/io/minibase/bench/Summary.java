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

	private static final Pattern NAME = Pattern.compile("^\\[([a-z-]+)\\] (.*)$");

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

		List<Map<String, Object>> endpoints = new ArrayList<>();
		rows.forEach((row) -> endpoints.add(row.toMap(seconds)));

		Map<String, Object> phases = new LinkedHashMap<>();
		seconds.forEach((phase, length) -> {
			long total = 0;
			long ko = 0;
			for (Map<String, Object> endpoint : endpoints) {
				if (phase.equals(endpoint.get("phase"))) {
					total += (long) endpoint.get("requests");
					ko += (long) endpoint.get("errors");
				}
			}
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("seconds", length);
			p.put("requests", total);
			p.put("requestsPerSecond", rate(total, length));
			p.put("errorRate", (total > 0) ? round(1.0 * ko / total, 4) : 0.0);
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
		Map<String, Object> direct = leg(endpoints, "cached-direct", "/api/catalog/products/{id}");
		Map<String, Object> gateway = leg(endpoints, "cached-gateway", "/api/catalog/products/{id}");
		Map<String, Object> nginx = leg(endpoints, "cached-nginx", "/api/catalog/products/{id}");
		Map<String, Object> cached = new LinkedHashMap<>();
		cached.put("direct", direct);
		cached.put("gateway", gateway);
		cached
			.put("nginx",
					nginx.isEmpty()
							? Map.of("skipped", true, "note",
									measurements.path("nginx").path("note").asText("the nginx leg did not run"))
							: nginx);
		Map<String, Object> ratios = new LinkedHashMap<>();
		ratios.put("gatewayRpsOverDirect", ratio(gateway, direct, "requestsPerSecond"));
		ratios.put("gatewayP50OverDirect", ratio(gateway, direct, "p50"));
		ratios.put("gatewayP99OverDirect", ratio(gateway, direct, "p99"));
		if (!nginx.isEmpty()) {
			ratios.put("nginxRpsOverDirect", ratio(nginx, direct, "requestsPerSecond"));
			ratios.put("gatewayRpsOverNginx", ratio(gateway, nginx, "requestsPerSecond"));
			ratios.put("gatewayP50OverNginx", ratio(gateway, nginx, "p50"));
			ratios.put("gatewayP99OverNginx", ratio(gateway, nginx, "p99"));
		}
		cached.put("ratios", ratios);
		comparisons.put("cachedProductRead", cached);
		summary.put("comparisons", comparisons);

		Map<String, Object> catalog = new LinkedHashMap<>();
		catalog.put("cachedReadsPerSecondDirect", direct.get("requestsPerSecond"));
		catalog.put("cachedReadsPerSecondGateway", gateway.get("requestsPerSecond"));
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
		orders.put("placedPerSecond", leg(endpoints, "orders", "/api/orders").get("requestsPerSecond"));
		orders.put("paidPerSecond", leg(endpoints, "orders", "/api/orders/{id}/pay").get("requestsPerSecond"));
		Map<String, Object> latency = new LinkedHashMap<>();
		measurements.path("placementToAwaitingPaymentMillis").properties().forEach((e) -> {
			List<Double> values = new ArrayList<>();
			e.getValue().forEach((v) -> values.add(v.asDouble()));
			latency.put(e.getKey(), percentiles(values));
		});
		orders.put("placementToAwaitingPaymentMillis", latency);
		orders.put("outcomes", JSON.convertValue(measurements.path("orderOutcomes"), Map.class));
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
				if (entry.getKey().contains("bench")) {
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
				for (String key : List.of("requests", "requestsPerSecond", "errors", "errorRate", "p50", "p95",
						"p99")) {
					leg.put(key, e.get(key));
				}
				return leg;
			}
		}
		return Map.of();
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
		md.append("\n| phase | endpoint | req/s | p50 | p95 | p99 ms | errors |\n|---|---|---|---|---|---|---|\n");
		((List<Map<String, Object>>) s.get("endpoints")).forEach((e) -> md.append(String.format(Locale.ROOT,
				"| %s | %s | %s | %.0f | %.0f | %.0f | %s |%n", e.get("phase"), e.get("endpoint"),
				e.get("requestsPerSecond"), e.get("p50"), e.get("p95"), e.get("p99"), e.get("errors"))));
		md.append("\nCached product read, ratios: ")
			.append(((Map<String, Object>) ((Map<String, Object>) s.get("comparisons")).get("cachedProductRead"))
				.get("ratios"))
			.append("\n\nAuth: ")
			.append(s.get("auth"))
			.append("\n\nCatalog: ")
			.append(s.get("catalog"))
			.append("\n\nOrders: ")
			.append(s.get("orders"))
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
		md.append("\nStack totals (without the bench's own JVM and nginx): ").append(s.get("stackTotals")).append('\n');
		return md.toString();
	}

}
