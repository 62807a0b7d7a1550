package io.minibase.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyLength;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The whole bench in one run, each phase after the previous one: the stack at idle, a
 * warm-up, the same cached product read directly, through the gateway and through nginx,
 * uncached reads, logins and token checks, checkout, uploads and images, and last the mix
 * of all of them weighted like a shop's traffic. Request names are
 * {@code [phase] endpoint}, so the report and the summary keep the phases apart.
 */
public class ShopSimulation extends Simulation {

	/** The orders phase polls often, to measure placement-to-reserved latency closely. */
	private static final Duration POLL_EVERY = Duration.ofMillis(25);

	/** A shopper's app polls like a person waits: a few times a second. */
	private static final Duration SHOPPER_POLL_EVERY = Duration.ofMillis(250);

	private static final Duration POLL_AT_MOST = Duration.ofSeconds(10);

	private final BenchSettings settings = BenchSettings.fromSystemProperties();

	/** Each virtual user is its own client address, as real phones behind a proxy are. */
	private static final AtomicInteger clients = new AtomicInteger();

	/** phase -> placement-to-AWAITING_PAYMENT latencies in ms; and how orders ended. */
	static final Map<String, List<Double>> reservedMillis = new LinkedHashMap<>();

	static final Map<String, Map<String, Integer>> orderOutcomes = new LinkedHashMap<>();

	private ProcessSampler sampler;

	private Nginx nginx;

	private String nginxNote;

	private final Instant started = Instant.now();

	/*
	 * Every protocol: no warm-up request (Gatling's default goes to its web site; the
	 * bench talks only to this machine) and no HTTP cache (Gatling's per-user cache
	 * honours the catalog's max-age=30 and would skip the repeated reads the bench is
	 * there to make; wx.request in a mini-program keeps no HTTP cache either).
	 */
	private final HttpProtocolBuilder gateway;

	private final HttpProtocolBuilder direct;

	private final HttpProtocolBuilder viaNginx;

	{
		this.gateway = http.baseUrl(this.settings.gateway())
			.acceptHeader("application/json")
			.userAgentHeader("minibase-bench")
			.header("X-Forwarded-For", "#{clientIp}")
			.disableWarmUp()
			.disableCaching();
		this.direct = http.baseUrl(this.settings.catalog())
			.acceptHeader("application/json")
			.userAgentHeader("minibase-bench")
			.disableWarmUp()
			.disableCaching();
		this.viaNginx = http.baseUrl("http://127.0.0.1:" + NginxPort.value())
			.acceptHeader("application/json")
			.userAgentHeader("minibase-bench")
			.disableWarmUp()
			.disableCaching();

		Duration phase = this.settings.phase();
		int users = this.settings.concurrency();
		List<PopulationBuilder> phases = new ArrayList<>();
		phases.add(scenario("idle").exec(enter("idle"))
			.pause(this.settings.idle())
			.exec(leave("idle"))
			.injectOpen(atOnceUsers(1))
			.protocols(this.gateway));
		phases.add(scenario("warmup").exec(enter("warmup"))
			.exec(browse("warmup", false))
			.exec(login("warmup"))
			.exec(checkout("warmup"))
			.exec(leave("warmup"))
			.injectOpen(constantUsersPerSec(Math.max(2, this.settings.mixSessionsPerSecond())).during(phase))
			.protocols(this.gateway));
		phases.add(loop("cached-direct", phase, users, cachedRead("cached-direct")).protocols(this.direct));
		phases.add(loop("cached-gateway", phase, users, cachedRead("cached-gateway")).protocols(this.gateway));
		phases.add(scenario("cached-nginx").exec(enter("cached-nginx"))
			.doIf((session) -> NginxPort.started())
			.then(during(phase).on(cachedRead("cached-nginx")))
			.exec(leave("cached-nginx"))
			.injectOpen(atOnceUsers(users))
			.protocols(this.viaNginx));
		phases.add(loop("uncached-direct", phase, users, uncachedRead("uncached-direct")).protocols(this.direct));
		phases.add(loop("uncached-gateway", phase, users, uncachedRead("uncached-gateway")).protocols(this.gateway));
		phases.add(loop("auth-login", phase, users, login("auth-login")).protocols(this.gateway));
		phases.add(scenario("auth-token").exec(enter("auth-token"))
			.exec(login("auth-token"))
			.during(phase)
			.on(exec(http(name("auth-token", "GET /api/users/me")).get("/api/users/me")
				.header("Authorization", "Bearer #{token}")
				.check(status().is(200))))
			.exec(leave("auth-token"))
			.injectOpen(atOnceUsers(users))
			.protocols(this.gateway));
		phases.add(scenario("orders").exec(enter("orders"))
			.exec(login("orders"))
			.during(phase)
			.on(checkout("orders"))
			.exec(leave("orders"))
			.injectOpen(atOnceUsers(users))
			.protocols(this.gateway));
		phases.add(scenario("files-upload").exec(enter("files-upload"))
			.doIf((session) -> Seed.imageId != null)
			.then(exec(login("files-upload")).during(phase).on(upload("files-upload")))
			.exec(leave("files-upload"))
			.injectOpen(atOnceUsers(users))
			.protocols(this.gateway));
		phases.add(scenario("files-image").exec(enter("files-image"))
			.doIf((session) -> Seed.imageId != null)
			.then(during(phase).on(image("files-image")))
			.exec(leave("files-image"))
			.injectOpen(atOnceUsers(users))
			.protocols(this.gateway));
		phases.add(scenario("mix").exec(enter("mix"))
			.randomSwitch()
			.on(percent(70.0).then(browse("mix", true)), percent(10.0).then(exec(login("mix")).exec(profile("mix"))),
					percent(15.0).then(exec(login("mix")).exec(checkout("mix"))),
					percent(5.0).then(doIfOrElse((session) -> Seed.imageId != null)
						.then(exec(login("mix")).exec(upload("mix")).exec(image("mix")))
						.orElse(browse("mix", true))))
			.exec(leave("mix"))
			.injectOpen(constantUsersPerSec(this.settings.mixSessionsPerSecond()).during(this.settings.mix()))
			.protocols(this.gateway));

		PopulationBuilder chain = phases.get(phases.size() - 1);
		for (int i = phases.size() - 2; i >= 0; i--) {
			chain = phases.get(i).andThen(chain);
		}
		setUp(chain);
	}

	@Override
	public void before() {
		try {
			Files.createDirectories(this.settings.outputDir());
			new Seed(this.settings).run();
			Optional<Path> binary = Nginx.binary();
			if (binary.isPresent()) {
				try {
					this.nginx = Nginx.start(binary.get(), this.settings.outputDir().resolve("nginx"),
							NginxPort.value(),
							Integer.parseInt(this.settings.catalog().replaceAll(".*:(\\d+).*", "$1")));
					NginxPort.markStarted();
				}
				catch (IOException ex) {
					this.nginxNote = "nginx did not start (" + ex.getMessage() + "): the nginx leg was skipped";
				}
			}
			else {
				this.nginxNote = "no nginx binary on this machine: the nginx leg was skipped";
			}
			Map<String, Integer> ports = new LinkedHashMap<>();
			ports.put("gateway", 8080);
			ports.put("auth-service", 8081);
			ports.put("catalog-service", 8082);
			ports.put("order-service", 8083);
			ports.put("file-service", 8084);
			ports.put("mysql", 3306);
			ports.put("redis", 6379);
			ports.put("kafka", 9092);
			ports.put("wechat-stub", 8090);
			if (this.nginx != null) {
				ports.put("nginx (bench)", this.nginx.port());
			}
			this.sampler = ProcessSampler.start(ports);
			System.out.println("bench: seeded " + Seed.productIds.size() + " products; sampling "
					+ this.sampler.pids().keySet() + "; files: " + Seed.files);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not prepare the bench: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void after() {
		try {
			if (this.sampler != null) {
				this.sampler.close();
			}
			if (this.nginx != null) {
				this.nginx.close();
			}
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("startedAt", this.started.toString());
			out.put("settings",
					Map.of("gateway", this.settings.gateway(), "catalog", this.settings.catalog(), "idleSeconds",
							this.settings.idle().toSeconds(), "phaseSeconds", this.settings.phase().toSeconds(),
							"mixSeconds", this.settings.mix().toSeconds(), "concurrency", this.settings.concurrency(),
							"mixSessionsPerSecond", this.settings.mixSessionsPerSecond()));
			Map<String, Object> windows = new LinkedHashMap<>();
			Phases.windows()
				.forEach((name, window) -> windows.put(name,
						Map.of("start", window[0], "end", window[1], "seconds", (window[1] - window[0]) / 1000.0)));
			out.put("phases", windows);
			out.put("processes", (this.sampler != null) ? this.sampler.report() : Map.of());
			synchronized (reservedMillis) {
				out.put("placementToAwaitingPaymentMillis", reservedMillis);
				out.put("orderOutcomes", orderOutcomes);
			}
			out.put("files", Seed.files);
			out.put("requestNames", new java.util.TreeSet<>(requestNames));
			out.put("nginx", (this.nginx != null) ? Map.of("available", true, "port", this.nginx.port())
					: Map.of("available", false, "note", this.nginxNote));
			out.put("seed", Map.of("categories", Seed.categoryIds.size(), "products", Seed.productIds.size()));
			Seed.JSON.writerWithDefaultPrettyPrinter()
				.writeValue(this.settings.outputDir().resolve("measurements.json").toFile(), out);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not write the measurements: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Every request name the simulation uses, so the summary can find them in the report.
	 */
	static final java.util.Set<String> requestNames = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private static String name(String phase, String endpoint) {
		String name = "[" + phase + "] " + endpoint;
		requestNames.add(name);
		return name;
	}

	private static PopulationBuilder loop(String phase, Duration length, int users, ChainBuilder body) {
		return scenario(phase).exec(enter(phase))
			.during(length)
			.on(body)
			.exec(leave(phase))
			.injectOpen(atOnceUsers(users));
	}

	private static ChainBuilder enter(String phase) {
		return exec((session) -> {
			Phases.enter(phase);
			int client = clients.getAndIncrement();
			String ip = ((client / 254 % 2 == 0) ? "198.51.100." : "203.0.113.") + (client % 254 + 1);
			return session.set("clientIp", ip);
		});
	}

	private static ChainBuilder leave(String phase) {
		return exec((session) -> {
			Phases.exit(phase);
			return session;
		});
	}

	private static Iterator<Map<String, Object>> products() {
		return Stream.generate(() -> Map.<String, Object>of("productId", pick(Seed.productIds))).iterator();
	}

	private static Iterator<Map<String, Object>> categories() {
		return Stream.generate(() -> Map.<String, Object>of("categoryId", pick(Seed.categoryIds))).iterator();
	}

	private static String pick(List<String> ids) {
		return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
	}

	private static ChainBuilder cachedRead(String phase) {
		return feed(products())
			.exec(http(name(phase, "GET /api/catalog/products/{id}")).get("/api/catalog/products/#{productId}")
				.check(status().is(200)));
	}

	private static ChainBuilder uncachedRead(String phase) {
		return feed(categories()).exec(http(name(phase, "GET /api/catalog/products?categoryId"))
			.get("/api/catalog/products?categoryId=#{categoryId}&size=20")
			.check(status().is(200)));
	}

	private static ChainBuilder login(String phase) {
		return exec((session) -> session.set("code",
				"mock-b" + ThreadLocalRandom.current().nextInt(1000) + "-" + UUID.randomUUID()))
			.exec(http(name(phase, "POST /api/auth/wechat/login")).post("/api/auth/wechat/login")
				.body(StringBody("{\"code\":\"#{code}\"}"))
				.asJson()
				.check(status().is(200), jsonPath("$.accessToken").saveAs("token")));
	}

	private static ChainBuilder profile(String phase) {
		return exec(http(name(phase, "GET /api/users/me")).get("/api/users/me")
			.header("Authorization", "Bearer #{token}")
			.check(status().is(200)));
	}

	/**
	 * A shopper: categories, a category's products, three product pages and their photos.
	 */
	private static ChainBuilder browse(String phase, boolean think) {
		ChainBuilder pause = think ? pause(Duration.ofMillis(200), Duration.ofMillis(800)) : exec((session) -> session);
		ChainBuilder product = feed(products())
			.exec(http(name(phase, "GET /api/catalog/products/{id}")).get("/api/catalog/products/#{productId}")
				.check(status().is(200)))
			.doIf((session) -> Seed.imageId != null)
			.then(image(phase))
			.exec(pause);
		return feed(categories())
			.exec(http(name(phase, "GET /api/catalog/categories")).get("/api/catalog/categories")
				.check(status().is(200)))
			.exec(pause)
			.exec(http(name(phase, "GET /api/catalog/products?categoryId"))
				.get("/api/catalog/products?categoryId=#{categoryId}&size=20")
				.check(status().is(200)))
			.exec(pause)
			.repeat(3)
			.on(product);
	}

	/**
	 * A product photo as the list shows it: a 200 px wide thumbnail, the same every time.
	 */
	private static ChainBuilder image(String phase) {
		return exec(
				http(name(phase, "GET /api/files/{id}?w=200")).get((session) -> "/api/files/" + Seed.imageId + "?w=200")
					.check(status().is(200)));
	}

	private static ChainBuilder upload(String phase) {
		return exec(http(name(phase, "POST /api/files")).post("/api/files")
			.header("Authorization", "Bearer #{token}")
			.bodyPart(
					ByteArrayBodyPart("file", (session) -> Seed.photo).fileName("photo.jpg").contentType("image/jpeg"))
			.asMultipartForm()
			.check(status().is(201), bodyLength().gt(0)));
	}

	/** Place an order, poll it until its stock is reserved, pay it. */
	private static ChainBuilder checkout(String phase) {
		Function<Session, String> order = (session) -> {
			String first = pick(Seed.productIds);
			String second = pick(Seed.productIds);
			return first.equals(second) ? "{\"items\":[{\"productId\":\"" + first + "\",\"quantity\":1}]}"
					: "{\"items\":[{\"productId\":\"" + first + "\",\"quantity\":1},{\"productId\":\"" + second
							+ "\",\"quantity\":2}],\"remark\":\"bench\"}";
		};
		return exec((session) -> session.set("idempotencyKey", UUID.randomUUID().toString())
			.set("placedAt", System.nanoTime())
			.remove("orderStatus"))
			.exec(http(name(phase, "POST /api/orders")).post("/api/orders")
				.header("Authorization", "Bearer #{token}")
				.header("Idempotency-Key", "#{idempotencyKey}")
				.body(StringBody(order::apply))
				.asJson()
				.check(status().is(201), jsonPath("$.id").saveAs("orderId"),
						jsonPath("$.status").saveAs("orderStatus")))
			.exec(asLongAs((session) -> "PENDING".equals(session.getString("orderStatus"))
					&& System.nanoTime() - session.getLong("placedAt") < POLL_AT_MOST.toNanos())
				.on(pause("orders".equals(phase) ? POLL_EVERY : SHOPPER_POLL_EVERY)
					.exec(http(name(phase, "GET /api/orders/{id}")).get("/api/orders/#{orderId}")
						.header("Authorization", "Bearer #{token}")
						.check(status().is(200), jsonPath("$.status").saveAs("orderStatus")))))
			.exec((session) -> {
				String status = session.contains("orderStatus") ? session.getString("orderStatus") : "FAILED";
				synchronized (reservedMillis) {
					orderOutcomes.computeIfAbsent(phase, (key) -> new LinkedHashMap<>()).merge(status, 1, Integer::sum);
					if ("AWAITING_PAYMENT".equals(status)) {
						reservedMillis.computeIfAbsent(phase, (key) -> new ArrayList<>())
							.add((System.nanoTime() - session.getLong("placedAt")) / 1e6);
					}
				}
				return session;
			})
			.doIf((session) -> "AWAITING_PAYMENT".equals(session.getString("orderStatus")))
			.then(exec(http(name(phase, "POST /api/orders/{id}/pay")).post("/api/orders/#{orderId}/pay")
				.header("Authorization", "Bearer #{token}")
				.check(status().is(200))));
	}

}
