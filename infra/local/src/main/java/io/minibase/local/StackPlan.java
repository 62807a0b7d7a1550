package io.minibase.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

import io.minibase.localservers.Kafka;
import io.minibase.localservers.MariaDb;
import io.minibase.localservers.Redis;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which applications the stack runs and what each finds in its environment: the backing
 * servers, the stubs, each other's URLs, the kept secrets, and the extra instances of
 * replicated services (MINIBASE_REPLICAS).
 */
final class StackPlan {

	/** Each service's own schema (its default DB_NAME). */
	private static final Map<String, String> SCHEMAS = Map.of("auth-service", "auth", "catalog-service", "catalog",
			"order-service", "orders", "file-service", "files");

	private static final Map<String, String> LOCAL_RATE_LIMITS = Map.of("GATEWAY_RATE_PER_SECOND", "500",
			"GATEWAY_RATE_BURST", "1000", "GATEWAY_LOGIN_RATE_PER_SECOND", "100", "GATEWAY_LOGIN_RATE_BURST", "500");

	/**
	 * Settings a stack's own environment (a test's, say) hands to every process, beyond
	 * the launcher's inherited environment.
	 */
	private static final Set<String> PASSED_THROUGH = Set.of("OTEL_EXPORTER_OTLP_ENDPOINT", "REDIS_DATABASE");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StackSettings settings;

	private final StackPorts ports;

	private final Stubs stubs;

	private final KeptSecrets secrets;

	private final Map<String, App> apps = new LinkedHashMap<>();

	private StackPlan(StackSettings settings, StackPorts ports, Stubs stubs, KeptSecrets secrets) {
		this.settings = settings;
		this.ports = ports;
		this.stubs = stubs;
		this.secrets = secrets;
	}

	/**
	 * The applications, by name, and the services' instances in start order.
	 *
	 * @param apps every application: the services, their extra instances, the gateway
	 * @param serviceInstances the services and their extra instances, in start order
	 */
	record Plan(Map<String, App> apps, List<String> serviceInstances) {

		Plan {
			apps = Map.copyOf(apps);
			serviceInstances = List.copyOf(serviceInstances);
		}

	}

	/**
	 * Plans the stack on its held ports.
	 * @param hold holds a port (any for 0) for an extra instance until the stack stops
	 */
	static Plan of(StackSettings settings, StackPorts ports, Stubs stubs, KeptSecrets secrets, BackingServers servers,
			IntUnaryOperator hold) {
		StackPlan plan = new StackPlan(settings, ports, stubs, secrets);
		for (String name : LocalStack.SERVICES) {
			plan.service(name, servers.mariaDb(), servers.redis(), servers.kafka());
		}
		Replicas replicas = Replicas.from(settings.env(), LocalStack.SERVICES);
		if (settings.oneJvm() && LocalStack.SERVICES.stream().anyMatch(replicas::isReplicated)) {
			throw new StackDidNotStart("MINIBASE_REPLICAS runs more JVMs of a service; MINIBASE_ONE_JVM runs one JVM:"
					+ " choose one of them");
		}
		List<String> instances = new ArrayList<>(LocalStack.SERVICES);
		Map<String, List<String>> urls = new LinkedHashMap<>();
		for (String service : LocalStack.SERVICES) {
			if (replicas.isReplicated(service)) {
				urls.put(service, plan.extraInstances(service, replicas.extraInstances(service), hold));
				instances.addAll(replicas.extraInstances(service));
			}
		}
		plan.gateway(servers.redis(), urls);
		return new Plan(plan.apps, instances);
	}

	/**
	 * Fails when an application's jar (or the box's, for one JVM) has not been built.
	 */
	static void requireJars(StackSettings settings) {
		List<Path> jars = new ArrayList<>(LocalStack.SERVICES.stream().map(settings::jar).toList());
		jars.add(settings.jar(LocalStack.GATEWAY));
		if (settings.oneJvm()) {
			jars.add(settings.boxJar());
		}
		List<String> missing = jars.stream()
			.filter((jar) -> !Files.isRegularFile(jar))
			.map((jar) -> settings.repoRoot().relativize(jar).toString())
			.toList();
		if (!missing.isEmpty()) {
			throw new StackDidNotStart("not built yet: " + String.join(", ", missing)
					+ ". Build with ./mvnw -B -DskipTests package (infra/local/run does, unless --no-build).");
		}
	}

	private void service(String name, MariaDb db, Redis redis, Kafka kafka) {
		Map<String, Integer> servicePorts = Map.of("auth-service", this.ports.auth(), "catalog-service",
				this.ports.catalog(), "order-service", this.ports.order(), "file-service", this.ports.file());
		int port = servicePorts.get(name);
		Map<String, String> env = new HashMap<>(passThrough());
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("DB_HOST", db.host());
		env.put("DB_PORT", Integer.toString(db.port()));
		env.put("DB_USER", db.user());
		env.put("DB_PASSWORD", db.password());
		env.put("REDIS_HOST", redis.host());
		env.put("REDIS_PORT", Integer.toString(redis.port()));
		env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
		// the actuator's dead-letter replay asks for it, even on loopback
		env.put("OPERATOR_PASSWORD", this.secrets.operatorPassword());
		// every service checks tokens against auth-service's JWKS, wherever it runs
		env.put("AUTH_SERVICE_URL", "http://127.0.0.1:" + this.ports.auth());
		if (!this.settings.schemaSuffix().isEmpty()) {
			env.put("DB_NAME", SCHEMAS.get(name) + this.settings.schemaSuffix());
		}
		// WeChat's access_token APIs (ADR 11): the stub, one app, one shared token, for
		// every service that calls WeChat
		env.put("WECHAT_API_BASE_URL", this.stubs.weChat().baseUrl());
		if (name.equals("file-service")) {
			// the media check: WeChat (the stub) downloads through the gateway and pushes
			// its results, signed and encrypted, to the gateway's push route
			env.put("FILES_PUBLIC_BASE_URL", this.ports.gatewayUrl());
			env.put("WECHAT_PUSH_TOKEN", Stubs.PUSH_TOKEN);
			env.put("WECHAT_PUSH_ENCODING_AES_KEY", this.stubs.pushAesKey());
			// every local client shares one user in tests and the bench; production's
			// per-user upload rate (30 a minute) would make the bench measure the limit
			env.put("FILES_RATE_UPLOADS", System.getenv().getOrDefault("FILES_RATE_UPLOADS", "100000"));
		}
		if (name.equals("order-service")) {
			env.putAll(this.stubs.payEnvironment(this.ports.gatewayUrl()));
			// asked whether an after-sale's photos are the buyer's (ADR 19)
			env.put("FILE_SERVICE_URL", "http://127.0.0.1:" + this.ports.file());
			// the buyers' subscribe messages go to the stub (its log shows them), as they
			// would with templates chosen in the admin console
			for (String kind : List.of("PAID", "SHIPPED", "EXPIRING", "REFUNDED")) {
				env.putIfAbsent("ORDER_WECHAT_TEMPLATE_" + kind, "local-" + kind.toLowerCase(Locale.ROOT));
			}
		}
		if (name.equals("auth-service")) {
			env.put("AUTH_ADMIN_PASSWORD", this.secrets.adminPassword());
			// phone numbers are encrypted with it; kept, so a restart still reads them
			env.put("AUTH_PHONE_KEY", this.secrets.key("phone-key"));
		}
		this.apps.put(name, new App(name, this.settings.jar(name), env, readiness(port)));
	}

	/**
	 * The extra instances of a replicated service, each a copy of the service on a port
	 * of its own.
	 * @return every instance's URL, the first's first
	 */
	private List<String> extraInstances(String service, List<String> names, IntUnaryOperator hold) {
		App first = this.apps.get(service);
		List<String> urls = new ArrayList<>(List.of(url(first)));
		for (String name : names) {
			int port = hold.applyAsInt(0);
			Map<String, String> env = new HashMap<>(first.env());
			env.put("SERVER_PORT", Integer.toString(port));
			App instance = new App(name, first.jar(), env, readiness(port));
			this.apps.put(name, instance);
			urls.add(url(instance));
		}
		return urls;
	}

	private void gateway(Redis redis, Map<String, List<String>> instances) {
		Map<String, String> env = new HashMap<>(passThrough());
		env.put("GATEWAY_PORT", Integer.toString(this.ports.gateway()));
		env.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(this.ports.gatewayManagement()));
		// the same, for a port taken from Spring's own names (and over any in the shell)
		env.put("SERVER_PORT", Integer.toString(this.ports.gateway()));
		env.put("MANAGEMENT_SERVER_PORT", Integer.toString(this.ports.gatewayManagement()));
		env.put("AUTH_SERVICE_URL", "http://127.0.0.1:" + this.ports.auth());
		env.put("CATALOG_SERVICE_URL", "http://127.0.0.1:" + this.ports.catalog());
		env.put("ORDER_SERVICE_URL", "http://127.0.0.1:" + this.ports.order());
		env.put("FILE_SERVICE_URL", "http://127.0.0.1:" + this.ports.file());
		spreadOverInstances(env, instances, this.ports);
		// the gateway's rate-limit buckets and the revoked tokens it checks
		env.put("REDIS_HOST", redis.host());
		env.put("REDIS_PORT", Integer.toString(redis.port()));
		// Every client of the local stack comes from 127.0.0.1 and shares one address
		// bucket, so tests and benches would trip production's limits; the environment
		// still wins.
		LOCAL_RATE_LIMITS
			.forEach((variable, value) -> env.put(variable, System.getenv().getOrDefault(variable, value)));
		this.apps.put(LocalStack.GATEWAY, new App(LocalStack.GATEWAY, this.settings.jar(LocalStack.GATEWAY), env,
				readiness(this.ports.gatewayManagement())));
	}

	/**
	 * The gateway reaches a replicated service as lb://{@code <service>} over the static
	 * list of its instances (Spring Cloud's simple discovery client), given as
	 * SPRING_APPLICATION_JSON.
	 */
	static void spreadOverInstances(Map<String, String> env, Map<String, List<String>> instances, StackPorts ports) {
		if (instances.isEmpty()) {
			return;
		}
		Map<String, List<Map<String, String>>> listed = new LinkedHashMap<>();
		instances.forEach((service, urls) -> {
			env.put(service.replace("-service", "").toUpperCase(Locale.ROOT) + "_SERVICE_URL", "lb://" + service);
			listed.put(service, urls.stream().map((url) -> Map.of("uri", url)).toList());
		});
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("spring",
				Map.of("cloud", Map.of("discovery", Map.of("client", Map.of("simple", Map.of("instances", listed))))));
		// the gateway fetches auth-service's keys directly, never through lb://
		json.put("gateway",
				Map.of("token", Map.of("jwk-set-uri", "http://127.0.0.1:" + ports.auth() + "/.well-known/jwks.json")));
		env.put("SPRING_APPLICATION_JSON", JSON.writeValueAsString(json));
	}

	private Map<String, String> passThrough() {
		return this.settings.env()
			.entrySet()
			.stream()
			.filter((e) -> PASSED_THROUGH.contains(e.getKey()))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static URI readiness(int port) {
		return URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
	}

	/**
	 * Where an application takes requests directly, e.g. {@code http://127.0.0.1:8082}.
	 */
	static String url(App app) {
		return app.readiness().getScheme() + "://" + app.readiness().getAuthority();
	}

}
