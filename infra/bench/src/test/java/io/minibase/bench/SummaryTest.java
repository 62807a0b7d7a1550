package io.minibase.bench;

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
