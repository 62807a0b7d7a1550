package io.minibase.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crowd at once, with production's rate limits: 256 requests in flight together, from
 * 256 addresses (through the trusted proxy on loopback) or 256 users, in front of a
 * service that takes its time. Every one is forwarded and answered by the service; the
 * gateway refuses none (no bulkhead of its own, a connection pool far above this), and
 * each is routed from the event loop it arrived on, never from Redis's I/O thread (after
 * the rate limiter's and the revocation check's answers).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@Import(GatewayUnderACrowdTest.RoutingThreads.class)
class GatewayUnderACrowdTest {

	/** The thread each request is routed to its service from. */
	@TestConfiguration(proxyBeanMethods = false)
	static class RoutingThreads {

		static final Set<String> names = ConcurrentHashMap.newKeySet();

		@Bean
		GlobalFilter recordRoutingThread() {
			return new RecordingFilter();
		}

		/** Just before the routing filter, which is last. */
		static final class RecordingFilter implements GlobalFilter, Ordered {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				names.add(Thread.currentThread().getName().replaceAll("-\\d+$", "-N"));
				return chain.filter(exchange);
			}

			@Override
			public int getOrder() {
				return Ordered.LOWEST_PRECEDENCE - 1;
			}

		}

	}

	private static final int CROWD = 256;

	private static final TestTokens tokens = TestTokens.generate("test-key-1");

	private static final StubService auth = StubService.startOnFreePort();

	private static final StubService services = StubService.startOnFreePort();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void stubs(DynamicPropertyRegistry registry) {
		StubService.routeTo(registry, auth, services);
	}

	@BeforeEach
	void servicesAreUpAndBusy() {
		StubService.upWithJwks(auth, services, tokens);
		RoutingThreads.names.clear();
		// long enough that the whole crowd is in flight at the same time
		services.delay(Duration.ofMillis(500));
	}

	@AfterAll
	static void stopStubs() {
		auth.stop();
		services.stop();
	}

	@Test
	void aCrowdOfAnonymousReadsIsForwardedNotRefused() throws Exception {
		List<Integer> statuses = crowd((i) -> HttpRequest.newBuilder(url("/api/catalog/products/1"))
			.header("X-Forwarded-For", "198.18." + (i / 250) + "." + (i % 250 + 1))
			.build());

		assertThat(statuses).hasSize(CROWD).containsOnly(200);
		assertThat(services.received()).hasSize(CROWD);
		assertThat(RoutingThreads.names).isNotEmpty().allMatch((name) -> name.matches("(webflux|reactor)-http-.*"));
	}

	@Test
	void aCrowdOfBuyersPlacingOrdersIsForwardedNotRefused() throws Exception {
		List<Integer> statuses = crowd((i) -> HttpRequest.newBuilder(url("/api/orders"))
			.header("Authorization", "Bearer " + tokens.user("buyer-" + i))
			.header("Idempotency-Key", "crowd-order-" + i)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":\"1\",\"quantity\":1}]}"))
			.build());

		assertThat(statuses).hasSize(CROWD).containsOnly(200);
		assertThat(services.received()).hasSize(CROWD);
		assertThat(RoutingThreads.names).isNotEmpty().allMatch((name) -> name.matches("(webflux|reactor)-http-.*"));
	}

	/** Sends every request at the same moment, each on its own connection. */
	private List<Integer> crowd(IntFunction<HttpRequest> request) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> answers = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < CROWD; i++) {
				HttpRequest next = request.apply(i);
				answers.add(clients.submit(() -> {
					start.await();
					return this.http.send(next, BodyHandlers.discarding()).statusCode();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
			return statuses;
		}
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
