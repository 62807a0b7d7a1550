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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

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
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The whole bench in one run, each phase after the previous one: the stack at idle, a
 * warm-up, the same cached product read directly, through nginx and through the gateway
 * at several concurrencies, then at half the gateway's peak rate, uncached reads, logins
 * and token checks, orders arriving at fixed rates, a flash sale on little stock, uploads
 * and images, and last the mix of all of them weighted like a shop's traffic. Request
 * names are {@code [phase] endpoint}, so the report and the summary keep the phases
 * apart; every answer's HTTP status is counted ({@link Statuses}).
 */
public class ShopSimulation extends Simulation {

	/**
	 * How long a buyer's request waits for its order to settle ({@code Prefer: wait},
	 * api.md), as a mini-program would ask.
	 */
	private static final String PREFER_WAIT = "wait=5";

	/**
	 * A buyer waits for an order's outcome this long at most, asking again if need be.
	 */
	private static final Duration WAIT_AT_MOST = Duration.ofSeconds(30);

	/**
	 * Orders per second while the order path warms up, rising: 60 s at a steady 20/s left
	 * 100/s at p99 4.5 s, against 0.2 s once warm (the JIT compiles what load runs).
	 */
	private static final int ORDERS_WARMUP_FROM = 10;

	private static final int ORDERS_WARMUP_TO = 100;

	/** Between two requests for an order whose answer came back early (not a wait). */
	private static final Duration POLL_EVERY = Duration.ofMillis(100);

	/**
	 * A user of a closed-model leg is one of a trusted proxy's connections to the
	 * gateway, which carries one client after another: it takes the next client address
	 * after this many requests (a shop session's worth, docs/sizing.md). One address per
	 * connection for the whole phase would be a client making hundreds of requests a
	 * second, which no phone does and the per-address limit would rightly refuse.
	 */
	private static final int REQUESTS_PER_CLIENT = 20;

	/** Where each request saves the HTTP status of its answer, for {@link Statuses}. */
	private static final String STATUS = "httpStatus";

	/** The name of the request sent last while its status is not counted yet. */
	private static final String UNCOUNTED = "uncountedRequest";

	private static final String CACHED_READ = "GET /api/catalog/products/{id}";

	private final BenchSettings settings = BenchSettings.fromSystemProperties();

	/** phase -> placement-to-AWAITING_PAYMENT latencies in ms; and how orders ended. */
	static final Map<String, List<Double>> reservedMillis = new LinkedHashMap<>();

	static final Map<String, Map<String, Integer>> orderOutcomes = new LinkedHashMap<>();

	/** The flash sale's buyers, each ordering once; the fixed rates' buyers, in turns. */
	private final Buyers flashSaleBuyers = new Buyers("flash");

	private final Buyers rateBuyers = new Buyers("rate");

	/** Phase -> the orders it placed and how they ended (flash sale, fixed rates). */
	private final Map<String, Placements> placements = new LinkedHashMap<>();

	/** Phase -> its product's stock read back once every order of it had ended. */
	private final Map<String, Integer> stockAfter = new java.util.concurrent.ConcurrentHashMap<>();

	private final HalfPeak halfPeak;

	private ProcessSampler sampler;

	private Nginx nginx;

	private String nginxNote;

	private final Instant started = Instant.now();

	/*
	 * Every protocol: no warm-up request (Gatling's default goes to its web site; the
	 * bench talks only to this machine) and no HTTP cache (Gatling's per-user cache
	 * honours the catalog's max-age=30 and would skip the repeated reads the bench is
	 * there to make; wx.request in a mini-program keeps no HTTP cache either). Every
	 * request says which client it is for in X-Forwarded-For, as a trusted proxy in front
	 * would: the gateway trusts loopback as a proxy and keys its per-address rate limit
	 * on it; catalog-service and the bench's nginx get the same request, so the legs of
	 * the comparison differ only in what is in front of catalog-service.
	 */
	private final HttpProtocolBuilder gateway;

	private final HttpProtocolBuilder direct;

	private final HttpProtocolBuilder viaNginx;

	{
		this.gateway = protocol(this.settings.gateway());
		this.direct = protocol(this.settings.catalog());
		this.viaNginx = protocol("http://127.0.0.1:" + NginxPort.value());

		Duration phase = this.settings.phase();
		int users = this.settings.concurrency();
		List<PopulationBuilder> phases = new ArrayList<>();
		String group;
		group = "idle";
		include(phases, group,
				scenario("idle").exec(enter("idle"))
					.pause(this.settings.idle())
					.exec(leave("idle"))
					.injectOpen(atOnceUsers(1))
					.protocols(this.gateway));
		group = "warmup";
		include(phases, group,
				scenario("warmup").exec(enter("warmup"))
					.exec(browse("warmup", false))
					.exec(login("warmup"))
					.exec(checkout("warmup"))
					.exec(leave("warmup"))
					.injectOpen(constantUsersPerSec(Math.max(2, this.settings.mixSessionsPerSecond())).during(phase))
					.protocols(this.gateway));

		// The JVMs' JIT needs a minute or two of load to reach its steady speed (C2); the
		// services run for days, so the comparison below is made after it, not while the
		// gateway is still compiling. Not quoted.
		Duration jit = Duration.ofSeconds(Long.getLong("bench.jitWarmupSeconds", 60));
		group = "cached";
		include(phases, group,
				loop("warmup-jit-direct", jit, 64, closedRead("warmup-jit-direct")).protocols(this.direct));
		include(phases, group,
				loop("warmup-jit-gateway", jit, 64, closedRead("warmup-jit-gateway")).protocols(this.gateway));

		// The cached read, closed model: that many users each sending the next request as
		// soon as the last one is answered, so each leg runs as fast as it can.
		// The gateway keeps public answers for a second (its micro-cache), so its leg
		// mostly answers from memory; the forwarded leg asks for the origin
		// (Cache-Control: no-cache) and so pays the whole forwarding path every time, as
		// nginx's leg does.
		Map<String, String> gatewayLegs = new LinkedHashMap<>();
		for (int connections : this.settings.cachedConcurrency()) {
			String viaDirect = "cached-direct-" + connections;
			String viaNginx = "cached-nginx-" + connections;
			String viaGateway = "cached-gateway-" + connections;
			String viaGatewayForwarded = "cached-gateway-forwarded-" + connections;
			include(phases, group, loop(viaDirect, phase, connections, closedRead(viaDirect)).protocols(this.direct));
			include(phases, group,
					scenario(viaNginx).exec(enter(viaNginx))
						.doIf((session) -> NginxPort.started())
						.then(during(phase).on(closedRead(viaNginx)))
						.exec(leave(viaNginx))
						.injectOpen(atOnceUsers(connections))
						.protocols(this.viaNginx));
			include(phases, group,
					loop(viaGateway, phase, connections, closedRead(viaGateway)).protocols(this.gateway));
			include(phases, group, loop(viaGatewayForwarded, phase, connections, closedRead(viaGatewayForwarded))
				.protocols(this.gateway));
			gatewayLegs.put(viaGatewayForwarded, name(viaGatewayForwarded, CACHED_READ));
		}
		// Then open model at half the gateway's best forwarding rate: what the gateway
		// adds to the latency of a read it forwards (no-cache) when it is not saturated,
		// against catalog-service alone.
		this.halfPeak = new HalfPeak(this.settings.halfPeakRps(), this.settings.halfPeakCeilingRps(), gatewayLegs);
		include(phases, group, halfPeak("half-peak-gateway", phase).protocols(this.gateway));
		include(phases, group, halfPeak("half-peak-direct", phase).protocols(this.direct));

		group = "uncached";
		include(phases, group,
				loop("uncached-direct", phase, users, uncachedRead("uncached-direct")).protocols(this.direct));
		include(phases, group,
				loop("uncached-gateway", phase, users, uncachedRead("uncached-gateway")).protocols(this.gateway));
		group = "auth";
		include(phases, group, loop("auth-login", phase, users, login("auth-login")).protocols(this.gateway));
		include(phases, group,
				scenario("auth-token").exec(enter("auth-token"))
					.exec(login("auth-token"))
					.during(phase)
					.on(send("auth-token", "GET /api/users/me",
							(http) -> http.get("/api/users/me")
								.header("Authorization", "Bearer #{token}")
								.check(status().is(200))))
					.exec(leave("auth-token"))
					.injectOpen(atOnceUsers(users))
					.protocols(this.gateway));
		// Orders arriving at fixed rates (open model), each buyer placing with Prefer:
		// wait
		// and learning the outcome from that answer; then the product's stock, which must
		// be down by exactly the orders reserved.
		group = "orders";
		include(phases, group,
				loginBuyers("orders-login", this.rateBuyers, this.settings.orderBuyers(), Duration.ofSeconds(4))
					.protocols(this.gateway));
		// The order path's code is JIT-compiled under load first, as the cached read's is
		// above: a service runs for days, and the rates below measure it warm. Not
		// quoted;
		// its orders are for the shop's other products, so the rates' stock adds up
		// alone.
		include(phases, group, scenario("orders-warmup").exec(enter("orders-warmup"))
			.exec((session) -> buyer(session, this.rateBuyers.next()))
			.doIf((session) -> session.getBoolean("buyer"))
			.then(placeAndAwaitOutcome("orders-warmup", () -> pick(Seed.productIds)))
			.exec(leave("orders-warmup"))
			.injectOpen(rampUsersPerSec(ORDERS_WARMUP_FROM).to(ORDERS_WARMUP_TO).during(this.settings.orderWarmup()))
			.protocols(this.gateway));
		for (int rate : this.settings.orderRates()) {
			String atRate = ordersAtRate(rate);
			include(phases, group,
					scenario(atRate).exec(enter(atRate))
						.exec((session) -> buyer(session, this.rateBuyers.next()))
						.doIfOrElse((session) -> session.getBoolean("buyer"))
						.then(placeAndAwaitOutcome(atRate, () -> Seed.orderRates.id()))
						.orElse(exec(notLoggedIn(atRate)))
						.exec(leave(atRate))
						.injectOpen(constantUsersPerSec(rate).during(this.settings.orderRatePhase()))
						.protocols(this.gateway));
		}
		include(phases, group, stockOf("orders-rates-stock", () -> Seed.orderRates).protocols(this.direct));
		// The flash sale: more buyers than units, all placing within about a second.
		group = "flash-sale";
		include(phases, group,
				loginBuyers("flash-sale-login", this.flashSaleBuyers, this.settings.flashSaleBuyers(),
						Duration.ofSeconds(Math.max(3, this.settings.flashSaleBuyers() / 100)))
					.protocols(this.gateway));
		include(phases, group,
				scenario("flash-sale").exec(enter("flash-sale"))
					.exec((session) -> buyer(session, this.flashSaleBuyers.take()))
					.doIfOrElse((session) -> session.getBoolean("buyer"))
					.then(placeAndAwaitOutcome("flash-sale", () -> Seed.flashSale.id()))
					.orElse(exec(notLoggedIn("flash-sale")))
					.exec(leave("flash-sale"))
					.injectOpen(rampUsers(this.settings.flashSaleBuyers()).during(this.settings.flashSaleSpread()))
					.protocols(this.gateway));
		include(phases, group, stockOf("flash-sale-stock", () -> Seed.flashSale).protocols(this.direct));
		group = "files";
		include(phases, group,
				scenario("files-upload").exec(enter("files-upload"))
					.doIf((session) -> Seed.imageId != null)
					.then(exec(login("files-upload")).during(phase).on(upload("files-upload")))
					.exec(leave("files-upload"))
					.injectOpen(atOnceUsers(users))
					.protocols(this.gateway));
		include(phases, group,
				scenario("files-image").exec(enter("files-image"))
					.doIf((session) -> Seed.imageId != null)
					.then(during(phase).on(image("files-image")))
					.exec(leave("files-image"))
					.injectOpen(atOnceUsers(users))
					.protocols(this.gateway));
		group = "mix";
		include(phases, group, scenario("mix").exec(enter("mix"))
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

	/**
	 * Adds a phase of {@code group} unless {@code bench.only} names other groups only
	 * ({@code idle}, {@code warmup}, {@code cached}, {@code uncached}, {@code auth},
	 * {@code orders}, {@code flash-sale}, {@code files}, {@code mix}): to measure one
	 * thing again without the whole run.
	 */
	private void include(List<PopulationBuilder> phases, String group, PopulationBuilder phase) {
		if (this.settings.only().isEmpty() || this.settings.only().contains(group)) {
			phases.add(phase);
		}
	}

	private static HttpProtocolBuilder protocol(String baseUrl) {
		return http.baseUrl(baseUrl)
			.acceptHeader("application/json")
			.userAgentHeader("minibase-bench")
			.header("X-Forwarded-For", "#{clientIp}")
			.disableWarmUp()
			.disableCaching();
	}

	@Override
	public void before() {
		try {
			Files.createDirectories(this.settings.outputDir());
			new Seed(this.settings).run();
			Optional<Path> binary = Nginx.binary();
			if (binary.isPresent()) {
				try {
					int connections = this.settings.cachedConcurrency()
						.stream()
						.mapToInt(Integer::intValue)
						.max()
						.orElse(0);
					this.nginx = Nginx.start(binary.get(), this.settings.outputDir().resolve("nginx"),
							NginxPort.value(),
							Integer.parseInt(this.settings.catalog().replaceAll(".*:(\\d+).*", "$1")), connections);
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
			System.out.println("bench: seeded " + Seed.productIds.size() + " products, the flash sale's "
					+ Seed.flashSale + " and the order rates' " + Seed.orderRates + "; sampling "
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
			Map<String, Object> settings = new LinkedHashMap<>();
			settings.put("gateway", this.settings.gateway());
			settings.put("catalog", this.settings.catalog());
			settings.put("idleSeconds", this.settings.idle().toSeconds());
			settings.put("phaseSeconds", this.settings.phase().toSeconds());
			settings.put("mixSeconds", this.settings.mix().toSeconds());
			settings.put("concurrency", this.settings.concurrency());
			settings.put("mixSessionsPerSecond", this.settings.mixSessionsPerSecond());
			settings.put("cachedConcurrency", this.settings.cachedConcurrency());
			settings.put("halfPeakRps", this.settings.halfPeakRps());
			settings.put("halfPeakCeilingRps", this.settings.halfPeakCeilingRps());
			settings.put("flashSaleBuyers", this.settings.flashSaleBuyers());
			settings.put("flashSaleStock", this.settings.flashSaleStock());
			settings.put("flashSaleSpreadMillis", this.settings.flashSaleSpread().toMillis());
			settings.put("orderRates", this.settings.orderRates());
			settings.put("orderRateSeconds", this.settings.orderRatePhase().toSeconds());
			settings.put("orderBuyers", this.settings.orderBuyers());
			out.put("settings", settings);
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
			out.put("statuses", Statuses.snapshot());
			out.put("clients", Map.of("range", "198.18.0.0/15", "distinctAddresses", ClientAddresses.distinct()));
			out.put("halfPeak", this.halfPeak.report());
			out.put("orderRates", orderRatesReport());
			out.put("flashSale", flashSaleReport());
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

	/**
	 * One request named {@code [phase] endpoint}, whose answer's status is counted
	 * whatever it is (and left in the session under {@link #STATUS}); the request's own
	 * checks still decide whether Gatling reports it OK or KO.
	 */
	private static ChainBuilder send(String phase, String endpoint, Function<Http, HttpRequestActionBuilder> request) {
		String name = name(phase, endpoint);
		return exec((session) -> session.remove(STATUS).set(UNCOUNTED, name).markAsSucceeded())
			.exec(request.apply(http(name)).check(status().saveAs(STATUS)))
			.exec((session) -> countStatus(session, true));
	}

	/**
	 * Counts the status of the request the session sent last, if not counted yet. Also
	 * called when a user leaves its phase ({@code sent} false): a {@code during} loop
	 * ends as soon as its time is up, skipping the rest of its body, so the action after
	 * each user's last request of a loop never runs although Gatling records that
	 * request; or the loop ended just before the request was sent. A request that went
	 * out has a status, or else failed the session (no answer); one that did not go out
	 * has neither, {@link #send} having cleared both.
	 */
	private static Session countStatus(Session session, boolean sent) {
		if (!session.contains(UNCOUNTED)) {
			return session;
		}
		if (session.contains(STATUS)) {
			Statuses.count(session.getString(UNCOUNTED), Integer.toString(session.getInt(STATUS)));
		}
		else if (sent || session.isFailed()) {
			Statuses.count(session.getString(UNCOUNTED), Statuses.NO_ANSWER);
		}
		return session.remove(UNCOUNTED);
	}

	private static boolean answered(Session session, int status) {
		return session.contains(STATUS) && session.getInt(STATUS) == status;
	}

	private static PopulationBuilder loop(String phase, Duration length, int users, ChainBuilder body) {
		return scenario(phase).exec(enter(phase))
			.during(length)
			.on(body)
			.exec(leave(phase))
			.injectOpen(atOnceUsers(users));
	}

	/** A user enters its phase as a new client, with an address of its own. */
	private static ChainBuilder enter(String phase) {
		return exec((session) -> {
			Phases.enter(phase);
			return session.set("clientIp", ClientAddresses.next()).set("served", 0);
		});
	}

	private static ChainBuilder leave(String phase) {
		return exec((session) -> {
			Phases.exit(phase);
			return countStatus(session, false);
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
		// the gateway's forwarded legs ask past its micro-cache, to catalog-service
		boolean forwarded = phase.contains("-forwarded") || phase.startsWith("half-peak-gateway");
		return feed(products()).exec(send(phase, CACHED_READ,
				(http) -> (forwarded
						? http.get("/api/catalog/products/#{productId}").header("Cache-Control", "no-cache")
						: http.get("/api/catalog/products/#{productId}"))
					.check(status().is(200))));
	}

	/** The cached read on a proxy's connection: a new client every few requests. */
	private static ChainBuilder closedRead(String phase) {
		return exec((session) -> {
			int served = session.getInt("served");
			Session next = session.set("served", served + 1);
			return (served > 0 && served % REQUESTS_PER_CLIENT == 0) ? next.set("clientIp", ClientAddresses.next())
					: next;
		}).exec(cachedRead(phase));
	}

	/**
	 * Open model: users arrive at {@link HalfPeak#injectionRps()}, those admitted (at the
	 * target rate) are each a new client sending one cached read.
	 */
	private PopulationBuilder halfPeak(String phase, Duration length) {
		return scenario(phase).doIf((session) -> this.halfPeak.admit())
			.then(exec(enter(phase)).exec(cachedRead(phase)).exec(leave(phase)))
			.injectOpen(constantUsersPerSec(this.halfPeak.injectionRps()).during(length));
	}

	private static ChainBuilder uncachedRead(String phase) {
		return feed(categories()).exec(send(phase, "GET /api/catalog/products?categoryId",
				(http) -> http.get("/api/catalog/products?categoryId=#{categoryId}&size=20").check(status().is(200))));
	}

	private static ChainBuilder login(String phase) {
		return login(phase, () -> "b" + ThreadLocalRandom.current().nextInt(1000));
	}

	/**
	 * A WeChat login through the stub as {@code user}: code {@code mock-<user>-<once>}.
	 */
	private static ChainBuilder login(String phase, Supplier<String> user) {
		return exec((session) -> session.set("code", "mock-" + user.get() + "-" + UUID.randomUUID()))
			.exec(send(phase, "POST /api/auth/wechat/login",
					(http) -> http.post("/api/auth/wechat/login")
						.body(StringBody("{\"code\":\"#{code}\"}"))
						.asJson()
						.check(status().is(200), jsonPath("$.accessToken").saveAs("token"))));
	}

	private static ChainBuilder profile(String phase) {
		return send(phase, "GET /api/users/me",
				(http) -> http.get("/api/users/me").header("Authorization", "Bearer #{token}").check(status().is(200)));
	}

	/**
	 * A shopper: categories, a category's products, three product pages and their photos.
	 */
	private static ChainBuilder browse(String phase, boolean think) {
		ChainBuilder pause = think ? pause(Duration.ofMillis(200), Duration.ofMillis(800)) : exec((session) -> session);
		ChainBuilder product = cachedRead(phase).doIf((session) -> Seed.imageId != null).then(image(phase)).exec(pause);
		return feed(categories())
			.exec(send(phase, "GET /api/catalog/categories",
					(http) -> http.get("/api/catalog/categories").check(status().is(200))))
			.exec(pause)
			.exec(send(phase, "GET /api/catalog/products?categoryId",
					(http) -> http.get("/api/catalog/products?categoryId=#{categoryId}&size=20")
						.check(status().is(200))))
			.exec(pause)
			.repeat(3)
			.on(product);
	}

	/**
	 * A product photo as the list shows it: a 200 px wide thumbnail, the same every time.
	 */
	private static ChainBuilder image(String phase) {
		return send(phase, "GET /api/files/{id}?w=200",
				(http) -> http.get((session) -> "/api/files/" + Seed.imageId + "?w=200").check(status().is(200)));
	}

	private static ChainBuilder upload(String phase) {
		return send(phase, "POST /api/files", (http) -> http.post("/api/files")
			.header("Authorization", "Bearer #{token}")
			.bodyPart(
					ByteArrayBodyPart("file", (session) -> Seed.photo).fileName("photo.jpg").contentType("image/jpeg"))
			.asMultipartForm()
			.check(status().is(201), bodyLength().gt(0)));
	}

	/**
	 * Place an order and wait for its stock to be reserved ({@code Prefer: wait}, asking
	 * again while it is still PENDING), then pay it.
	 */
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
			.exec(send(phase, "POST /api/orders",
					(http) -> http.post("/api/orders")
						.header("Authorization", "Bearer #{token}")
						.header("Idempotency-Key", "#{idempotencyKey}")
						.header("Prefer", PREFER_WAIT)
						.body(StringBody(order::apply))
						.asJson()
						.check(status().is(201), jsonPath("$.id").saveAs("orderId"),
								jsonPath("$.status").saveAs("orderStatus"))))
			.exec(asLongAs((session) -> "PENDING".equals(session.getString("orderStatus"))
					&& System.nanoTime() - session.getLong("placedAt") < WAIT_AT_MOST.toNanos())
				.on(send(phase, "GET /api/orders/{id}",
						(http) -> http.get("/api/orders/#{orderId}")
							.header("Authorization", "Bearer #{token}")
							.header("Prefer", PREFER_WAIT)
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
			.then(send(phase, "POST /api/orders/{id}/pay",
					(http) -> http.post("/api/orders/#{orderId}/pay")
						.header("Authorization", "Bearer #{token}")
						.check(status().is(200))));
	}

	static String ordersAtRate(int rate) {
		return "orders-" + rate + "-per-second";
	}

	/**
	 * Buyers log in through the gateway, each from its own address (logins are limited
	 * per address), spread over a few seconds: logging in is not what the order phases
	 * measure.
	 */
	private PopulationBuilder loginBuyers(String phase, Buyers buyers, int count, Duration over) {
		return scenario(phase).exec(enter(phase)).exec(login(phase, buyers::nextUser)).exec((session) -> {
			if (answered(session, 200) && session.contains("token")) {
				buyers.loggedIn(new Buyers.Buyer(session.getString("token"), session.getString("clientIp")));
			}
			return session;
		}).exec(leave(phase)).injectOpen(rampUsers(count).during(over));
	}

	private static Session buyer(Session session, Buyers.Buyer buyer) {
		if (buyer == null) {
			return session.set("buyer", false);
		}
		return session.set("buyer", true)
			.set("token", buyer.token())
			.set("clientIp", buyer.clientIp())
			.set("idempotencyKey", UUID.randomUUID().toString());
	}

	private Placements placementsOf(String phase) {
		synchronized (this.placements) {
			return this.placements.computeIfAbsent(phase, (key) -> new Placements());
		}
	}

	private Function<Session, Session> notLoggedIn(String phase) {
		return (session) -> {
			placementsOf(phase).ended(Placements.NOT_LOGGED_IN, 0, 0);
			return session;
		};
	}

	/**
	 * A buyer places one order for one unit with {@code Prefer: wait}: the answer is held
	 * while the order is PENDING, so it usually carries the outcome. While the order is
	 * still PENDING the buyer asks again (with the same preference; after a short pause
	 * if an answer came back early), until it is not or 30 s have passed. Only a 200
	 * answer tells the order's status (a problem's body has a numeric {@code status} of
	 * its own).
	 */
	private ChainBuilder placeAndAwaitOutcome(String phase, Supplier<String> productId) {
		String body = "{\"items\":[{\"productId\":\"%s\",\"quantity\":1}]}";
		Placements placed = placementsOf(phase);
		ChainBuilder place = send(phase, "POST /api/orders",
				(http) -> http.post("/api/orders")
					.header("Authorization", "Bearer #{token}")
					.header("Idempotency-Key", "#{idempotencyKey}")
					.header("Prefer", PREFER_WAIT)
					.body(StringBody((session) -> body.formatted(productId.get())))
					.asJson()
					.check(status().is(201), header("Retry-After").optional().saveAs("retryAfter"),
							jsonPath("$.id").saveAs("orderId"), jsonPath("$.status").saveAs("polledStatus")));
		ChainBuilder poll = send(phase, "GET /api/orders/{id}",
				(http) -> http.get("/api/orders/#{orderId}")
					.header("Authorization", "Bearer #{token}")
					.header("Prefer", PREFER_WAIT)
					.check(status().is(200), jsonPath("$.status").saveAs("polledStatus")));
		return exec((session) -> {
			long now = System.nanoTime();
			placed.placing(now);
			return session.set("placedAt", now).set("requests", 1).remove("retryAfter");
		}).exec(place).exec((session) -> {
			if (answered(session, 429)) {
				placed.refused(session.contains("retryAfter"));
			}
			return session.set("orderStatus",
					answered(session, 201) ? session.getString("polledStatus") : Placements.NOT_PLACED);
		})
			.asLongAs((session) -> "PENDING".equals(session.getString("orderStatus"))
					&& System.nanoTime() - session.getLong("placedAt") < WAIT_AT_MOST.toNanos())
			.on(exec((session) -> session.set("askedAt", System.nanoTime())).exec(poll).exec((session) -> {
				Session next = session.set("requests", session.getInt("requests") + 1);
				return answered(session, 200) ? next.set("orderStatus", session.getString("polledStatus")) : next;
			})
				.doIf((session) -> "PENDING".equals(session.getString("orderStatus"))
						&& System.nanoTime() - session.getLong("askedAt") < Duration.ofSeconds(1).toNanos())
				.then(pause(POLL_EVERY)))
			.exec((session) -> {
				placed.ended(session.getString("orderStatus"), session.getLong("placedAt"), session.getInt("requests"));
				return session;
			});
	}

	/**
	 * A product's stock once every order of the phases before has ended, from its
	 * category's list, which catalog-service reads from MySQL (no cache) each time.
	 */
	private PopulationBuilder stockOf(String phase, Supplier<Seed.Product> product) {
		return scenario(phase).exec(enter(phase))
			.exec(send(phase, "GET /api/catalog/products?categoryId",
					(http) -> http.get((session) -> "/api/catalog/products?categoryId=" + product.get().categoryId())
						.check(status().is(200), jsonPath("$.items[0].stock").ofInt().saveAs("stock"))))
			.exec((session) -> {
				if (session.contains("stock")) {
					this.stockAfter.put(phase, session.getInt("stock"));
				}
				return session;
			})
			.exec(leave(phase))
			.injectOpen(atOnceUsers(1));
	}

	private Map<String, Object> orderRatesReport() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("buyers", this.settings.orderBuyers());
		out.put("loggedIn", this.rateBuyers.loggedIn());
		out.put("productId", (Seed.orderRates != null) ? Seed.orderRates.id() : null);
		out.put("stock", (Seed.orderRates != null) ? Seed.orderRates.stock() : null);
		out.put("stockAfter", this.stockAfter.get("orders-rates-stock"));
		Map<String, Object> byRate = new LinkedHashMap<>();
		for (int rate : this.settings.orderRates()) {
			Map<String, Object> phase = new LinkedHashMap<>();
			phase.put("phase", ordersAtRate(rate));
			phase.putAll(placementsOf(ordersAtRate(rate)).report());
			byRate.put(Integer.toString(rate), phase);
		}
		out.put("rates", byRate);
		return out;
	}

	private Map<String, Object> flashSaleReport() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("buyers", this.settings.flashSaleBuyers());
		out.put("stock", this.settings.flashSaleStock());
		out.put("spreadMillis", this.settings.flashSaleSpread().toMillis());
		out.put("productId", (Seed.flashSale != null) ? Seed.flashSale.id() : null);
		out.put("loggedIn", this.flashSaleBuyers.loggedIn());
		out.putAll(placementsOf("flash-sale").report());
		out.put("stockAfter", this.stockAfter.get("flash-sale-stock"));
		return out;
	}

}
