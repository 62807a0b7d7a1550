package io.minibase.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * MINIBASE_REPLICAS ({@code infra/local/run --replicas}) and what the gateway is told
 * about the instances.
 */
class ReplicasTest {

	private static final List<String> SERVICES = LocalStack.SERVICES;

	@Test
	void eachReplicatedServiceGetsNamedExtraInstances() {
		Replicas replicas = Replicas.from(Map.of(Replicas.VARIABLE, "catalog-service=3, file-service=1"), SERVICES);
		assertThat(replicas.extraInstances("catalog-service")).containsExactly("catalog-service-2",
				"catalog-service-3");
		assertThat(replicas.isReplicated("file-service")).isFalse();
		assertThat(replicas.extraInstances("order-service")).isEmpty();
	}

	@Test
	void anUnknownServiceOrCountIsRefusedWithTheRule() {
		for (String wrong : List.of("catalog=2", "catalog-service=0", "catalog-service=9", "catalog-service")) {
			assertThatExceptionOfType(StackDidNotStart.class)
				.isThrownBy(() -> Replicas.from(Map.of(Replicas.VARIABLE, wrong), SERVICES))
				.withMessageContaining("<service>=<1..4>");
		}
	}

	@Test
	void theGatewayReachesAReplicatedServiceThroughLbOverItsListedInstances() {
		Map<String, String> env = new HashMap<>();
		StackPlan.spreadOverInstances(env,
				Map.of("catalog-service", List.of("http://127.0.0.1:8082", "http://127.0.0.1:40001")),
				StackPorts.standard());

		assertThat(env).containsEntry("CATALOG_SERVICE_URL", "lb://catalog-service");
		JsonNode json = new ObjectMapper().readTree(env.get("SPRING_APPLICATION_JSON"));
		JsonNode instances = json.at("/spring/cloud/discovery/client/simple/instances/catalog-service");
		assertThat(instances.size()).isEqualTo(2);
		assertThat(instances.get(1).get("uri").asString()).isEqualTo("http://127.0.0.1:40001");
		assertThat(json.at("/gateway/token/jwk-set-uri").asString())
			.isEqualTo("http://127.0.0.1:8081/.well-known/jwks.json");
	}

	@Test
	void withoutReplicasTheGatewayKeepsItsPlainUrls() {
		Map<String, String> env = new HashMap<>();
		StackPlan.spreadOverInstances(env, Map.of(), StackPorts.standard());
		assertThat(env).isEmpty();
	}

}
