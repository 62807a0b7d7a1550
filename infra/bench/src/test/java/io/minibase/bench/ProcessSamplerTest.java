package io.minibase.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessSamplerTest {

	@Test
	void applicationsThatShareAProcessAreOneEntryCountedOnce() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("gateway", 8080);
		ports.put("auth-service", 8081);
		ports.put("catalog-service", 8082);
		ports.put("kafka", 9092);
		ports.put("redis", 6379);
		Map<Integer, Set<Long>> byPort = Map.of(8080, Set.of(100L), 8081, Set.of(100L), 8082, Set.of(100L), 9092,
				Set.of(200L));

		Map<String, Set<Long>> pids = ProcessSampler.merged(ports, byPort);

		// redis listens nowhere here: left out
		assertThat(pids).containsExactly(Map.entry("gateway + auth-service + catalog-service", Set.of(100L)),
				Map.entry("kafka", Set.of(200L)));
	}

	@Test
	void applicationsOfTheirOwnKeepTheirNames() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("gateway", 8080);
		ports.put("auth-service", 8081);

		Map<String, Set<Long>> pids = ProcessSampler.merged(ports, Map.of(8080, Set.of(1L), 8081, Set.of(2L)));

		assertThat(pids).containsExactly(Map.entry("gateway", Set.of(1L)), Map.entry("auth-service", Set.of(2L)));
	}

}
