package io.minibase.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * infra/monitoring through promtool: the Prometheus configuration, the alert rules and
 * their unit tests, and every query of the Grafana dashboard (as recording rules, so
 * promtool parses each PromQL expression).
 */
class MonitoringConfigIT {

	private static final String INSTALL = "apt-get install -y prometheus (Debian/Ubuntu; it brings promtool)";

	private final Path monitoring = Tools.repoRoot().resolve("infra/monitoring");

	@TempDir
	Path dir;

	@Test
	void thePrometheusConfigurationAndItsRuleFilesAreValid() {
		promtool("check", "config", "prometheus.yml");
	}

	@Test
	void theAlertRulesAreValid() {
		promtool("check", "rules", "rules/host.yml", "rules/minibase.yml");
	}

	@Test
	void theAlertRulesFireOnTheServicesRealMetrics() {
		promtool("test", "rules", "rules/tests.yml");
	}

	@Test
	void everyDashboardQueryIsValidPromQl() throws IOException {
		JsonNode dashboard = new ObjectMapper()
			.readTree(this.monitoring.resolve("grafana/minibase-dashboard.json").toFile());
		List<String> rules = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				// Grafana's variables: $application is a regex of applications
				String expr = target.get("expr").asText().replace("$application", ".*");
				rules.add("      - record: dashboard:panel_" + panel.get("id").asInt() + "_"
						+ target.get("refId").asText() + "\n        expr: '" + expr.replace("'", "''") + "'");
			}
		}
		assertThat(rules).hasSizeGreaterThan(10);
		Path file = this.dir.resolve("dashboard-rules.yml");
		Files.writeString(file, "groups:\n  - name: dashboard\n    rules:\n" + String.join("\n", rules) + "\n");
		promtool("check", "rules", file.toString());
	}

	private void promtool(String... arguments) {
		List<String> command = new ArrayList<>(List.of(Tools.require("promtool", INSTALL).toString()));
		command.addAll(List.of(arguments));
		Tools.run(command, this.monitoring, Map.of(), Duration.ofSeconds(60))
			.assertSuccess(String.join(" ", "promtool", String.join(" ", arguments)));
	}

}
