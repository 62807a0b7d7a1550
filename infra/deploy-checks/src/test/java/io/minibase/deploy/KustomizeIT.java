package io.minibase.deploy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every overlay of infra/k8s rendered by {@code kubectl kustomize}, and every rendered
 * object read strictly into the Kubernetes API model (fabric8): an unknown field, a
 * misspelt one or a wrong type fails here rather than at {@code kubectl apply}. Then what
 * each stage promises: probes, resources, graceful shutdown, autoscaling, disruption
 * budgets, TLS and network policies.
 */
class KustomizeIT {

	private static final String INSTALL = "apt-get install -y kubectl (from the Kubernetes apt repository), or any kubectl 1.27+";

	private static final List<String> APPLICATIONS = List.of("gateway", "auth-service", "catalog-service",
			"order-service", "file-service");

	private static final YAMLMapper yaml = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "single-node", "production" })
	void theOverlayRendersToValidKubernetesObjects(String overlay) throws IOException {
		List<HasMetadata> objects = render(overlay);

		assertThat(objects).extracting(HasMetadata::getKind)
			.contains("Namespace", "ConfigMap", "Secret", "Deployment", "Service", "HorizontalPodAutoscaler",
					"PodDisruptionBudget", "Ingress", "NetworkPolicy");
		for (String name : APPLICATIONS) {
			Deployment deployment = find(objects, Deployment.class, name);
			assertThat(deployment.getMetadata().getNamespace()).isEqualTo("minibase");
			var pod = deployment.getSpec().getTemplate().getSpec();
			assertThat(pod.getTerminationGracePeriodSeconds()).as("grace period of %s", name).isGreaterThan(30);
			Container container = pod.getContainers().get(0);
			assertThat(container.getStartupProbe()).as("startup probe of %s", name).isNotNull();
			assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
			assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
			assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
			assertThat(container.getResources().getLimits()).containsKey("memory");
			assertThat(container.getLifecycle().getPreStop()).as("preStop of %s", name).isNotNull();
			assertThat(container.getEnvFrom()).anySatisfy(
					(from) -> assertThat(from.getConfigMapRef().getName()).as("the generated ConfigMap's hashed name")
						.startsWith("minibase-config-"));
			find(objects, Service.class, name);
			HorizontalPodAutoscaler hpa = find(objects, HorizontalPodAutoscaler.class, name);
			assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
			find(objects, PodDisruptionBudget.class, name);
		}
		assertThat(find(objects, Deployment.class, "gateway").getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0)
			.getReadinessProbe()
			.getHttpGet()
			.getPort()
			.getStrVal()).isEqualTo("management");
		Ingress ingress = find(objects, Ingress.class, "minibase");
		assertThat(ingress.getSpec().getTls()).isNotEmpty();
		assertThat(ingress.getMetadata().getAnnotations()).containsKey("cert-manager.io/cluster-issuer");
		assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
			.as("only the gateway is exposed")
			.isEqualTo("gateway");
		assertThat(objects).filteredOn(NetworkPolicy.class::isInstance)
			.extracting((policy) -> policy.getMetadata().getName())
			.contains("default-deny-ingress", "gateway-from-ingress-controller", "file-owners-from-order-service");
	}

	@ParameterizedTest
	@ValueSource(strings = { "cert-manager/cluster-issuer.yaml" })
	void theClusterWideFilesAreKubernetesObjects(String file) throws IOException {
		KubernetesResource resource = yaml.readValue(Tools.repoRoot().resolve("infra/k8s").resolve(file).toFile(),
				KubernetesResource.class);
		// a custom resource of cert-manager: the model knows its shape only generically
		assertThat(resource).isInstanceOf(GenericKubernetesResource.class);
		GenericKubernetesResource issuer = (GenericKubernetesResource) resource;
		assertThat(issuer.getApiVersion()).isEqualTo("cert-manager.io/v1");
		assertThat(issuer.getKind()).isEqualTo("ClusterIssuer");
	}

	/**
	 * {@code kubectl kustomize} on a copy of infra/k8s whose secret files are the
	 * examples (the real ones are gitignored).
	 */
	private List<HasMetadata> render(String overlay) throws IOException {
		Path kubectl = Tools.require("kubectl", INSTALL);
		Path copy = this.dir.resolve("k8s");
		Tools.copyTree(Tools.repoRoot().resolve("infra/k8s"), copy);
		try (Stream<Path> files = Files.walk(copy)) {
			for (Path example : files.filter((f) -> f.toString().endsWith(".example")).toList()) {
				Path real = example.resolveSibling(example.getFileName().toString().replace(".example", ""));
				Files.deleteIfExists(real);
				Files.copy(example, real);
			}
		}
		String rendered = Tools
			.run(List.of(kubectl.toString(), "kustomize", "overlays/" + overlay), copy, Map.of(),
					Duration.ofSeconds(60))
			.assertSuccess("kubectl kustomize overlays/" + overlay)
			.output();
		List<HasMetadata> objects = new ArrayList<>();
		try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(rendered)) {
			for (JsonNode document : documents.readAll()) {
				KubernetesResource resource = yaml.treeToValue(document, KubernetesResource.class);
				String what = document.path("kind").asText() + " " + document.path("metadata").path("name").asText();
				assertThat(resource).as("%s is a kind the Kubernetes API model knows", what)
					.isNotInstanceOf(GenericKubernetesResource.class);
				assertNoUnknownFields(resource, what, resource.getClass().getSimpleName(),
						java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
				objects.add((HasMetadata) resource);
			}
		}
		return objects;
	}

	/**
	 * The model keeps fields it does not know in {@code additionalProperties} instead of
	 * failing: any there is a field Kubernetes would reject (or silently drop).
	 */
	private static void assertNoUnknownFields(Object value, String object, String path, Set<Object> seen) {
		if (value == null || !value.getClass().getName().startsWith("io.fabric8.") || !seen.add(value)) {
			if (value instanceof Collection<?> list) {
				int i = 0;
				for (Object item : list) {
					assertNoUnknownFields(item, object, path + "[" + i++ + "]", seen);
				}
			}
			else if (value instanceof Map<?, ?> map) {
				map.forEach((key, item) -> assertNoUnknownFields(item, object, path + "." + key, seen));
			}
			return;
		}
		for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				field.setAccessible(true);
				Object fieldValue;
				try {
					fieldValue = field.get(value);
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
				if (field.getName().equals("additionalProperties")) {
					if (fieldValue instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
						fail(object + ": unknown field(s) " + unknown.keySet() + " at " + path);
					}
					continue;
				}
				assertNoUnknownFields(fieldValue, object, path + "." + field.getName(), seen);
			}
		}
	}

	private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
		return objects.stream()
			.filter(type::isInstance)
			.map(type::cast)
			.filter((object) -> object.getMetadata().getName().equals(name))
			.findFirst()
			.orElseGet(() -> fail("no " + type.getSimpleName() + " named " + name + " in "
					+ objects.stream().map((o) -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
	}

}
