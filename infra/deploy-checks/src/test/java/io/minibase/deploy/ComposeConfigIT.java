package io.minibase.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * infra/docker/docker-compose.yml through {@code docker-compose config}, with the
 * variables of .env.example, and what the one-box stage promises of the result: health
 * checks, restart policies and memory limits that fit a 4 GB server.
 */
class ComposeConfigIT {

	private static final String INSTALL = "apt-get install -y docker-compose (Debian/Ubuntu), or the docker compose plugin";

	private static final long FOUR_GB = 4L * 1024 * 1024 * 1024;

	private final Path docker = Tools.repoRoot().resolve("infra/docker");

	@Test
	void dockerComposeAcceptsTheFileAndEveryContainerIsBoundedHealthCheckedAndRestarted() throws IOException {
		JsonNode config = new YAMLMapper().readTree(config(List.of()));
		JsonNode services = config.get("services");
		assertThat(services.properties()).extracting(Map.Entry::getKey)
			.contains("mysql", "redis", "kafka", "jaeger", "nginx", "gateway", "auth-service", "catalog-service",
					"order-service", "file-service");
		long total = 0;
		for (Map.Entry<String, JsonNode> service : services.properties()) {
			JsonNode spec = service.getValue();
			assertThat(spec.path("restart").asText()).as("restart of %s", service.getKey()).isEqualTo("unless-stopped");
			assertThat(spec.has("mem_limit")).as("mem_limit of %s", service.getKey()).isTrue();
			if (!spec.has("profiles")) {
				total += bytes(spec.get("mem_limit").asText());
			}
			// jaeger's image has no shell; the monitoring profile is optional
			if (!service.getKey().equals("jaeger") && !spec.has("profiles")) {
				assertThat(spec.has("healthcheck")).as("healthcheck of %s", service.getKey()).isTrue();
			}
		}
		// the OS, the page cache and the monitoring profile need the rest
		assertThat(total).as("memory limits of the default profile").isLessThan(FOUR_GB * 85 / 100);
		assertThat(services.get("gateway").get("healthcheck").get("test").toString()).contains("9080")
			.contains("/actuator/health/readiness");
		assertThat(services.get("catalog-service").get("healthcheck").get("test").toString()).contains("8082");
	}

	@Test
	void theMonitoringProfileStillFitsTheBox() throws IOException {
		JsonNode services = new YAMLMapper().readTree(config(List.of("--profile", "monitoring"))).get("services");
		assertThat(services.has("prometheus")).isTrue();
		long total = 0;
		for (Map.Entry<String, JsonNode> service : services.properties()) {
			total += bytes(service.getValue().get("mem_limit").asText());
		}
		assertThat(total).isLessThan(FOUR_GB * 92 / 100);
	}

	private String config(List<String> profile) throws IOException {
		Path compose = Tools.require("docker-compose", INSTALL);
		List<String> command = new ArrayList<>(List.of(compose.toString()));
		command.addAll(profile);
		command.addAll(List.of("-f", "docker-compose.yml", "config"));
		// the example's values win over a developer's own infra/docker/.env
		return Tools.run(command, this.docker, exampleEnvironment(), Duration.ofSeconds(60))
			.assertSuccess("docker-compose config")
			.output();
	}

	private Map<String, String> exampleEnvironment() throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		for (String line : Files.readAllLines(this.docker.resolve(".env.example"))) {
			if (!line.isBlank() && !line.startsWith("#")) {
				env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		return env;
	}

	private static long bytes(String limit) {
		// docker-compose config writes limits as bytes, or with a unit as written
		String digits = limit.replaceAll("[^0-9]", "");
		long value = Long.parseLong(digits);
		String unit = limit.replaceAll("[0-9]", "").toLowerCase();
		return switch (unit) {
			case "", "b" -> value;
			case "k", "kb" -> value * 1024;
			case "m", "mb" -> value * 1024 * 1024;
			case "g", "gb" -> value * 1024 * 1024 * 1024;
			default -> throw new IllegalArgumentException("memory limit " + limit);
		};
	}

}
