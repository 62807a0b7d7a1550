package io.minibase.gateway;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of catalog-service behind the gateway (lb://catalog-service over a static
 * list): requests go to both, and one that stops is left out within seconds.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
class GatewayWithSeveralInstancesTest {

	private static final StubService first = StubService.startOnFreePort();

	private static final StubService second = StubService.startOnFreePort();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void twoCatalogInstances(DynamicPropertyRegistry registry) {
		registry.add("CATALOG_SERVICE_URL", () -> "lb://catalog-service");
		registry.add("spring.cloud.discovery.client.simple.instances.catalog-service[0].uri", first::url);
		registry.add("spring.cloud.discovery.client.simple.instances.catalog-service[1].uri", second::url);
	}

	@AfterAll
	static void stopTheInstances() {
		first.stop();
		second.stop();
	}

	@Test
	void requestsAreSpreadOverTheInstancesAndOneThatStopsIsLeftOut() {
		for (int i = 0; i < 10; i++) {
			this.client.get().uri("/api/catalog/categories").exchange().expectStatus().isOk();
		}
		assertThat(served(first)).as("requests the first instance served").isPositive();
		assertThat(served(second)).as("requests the second instance served").isPositive();

		second.stop();
		long secondServed = served(second);
		// the gateway checks its instances' readiness every 2s
		await("10 answers in a row by the instance still running").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> IntStream.range(0, 10).allMatch((request) -> answeredOk()));
		assertThat(served(second)).isEqualTo(secondServed);
	}

	private boolean answeredOk() {
		return this.client.get()
			.uri("/api/catalog/categories")
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value() == 200;
	}

	/** Requests an instance served, the gateway's health checks aside. */
	private static long served(StubService instance) {
		return instance.received().stream().filter((request) -> !request.uri().startsWith("/actuator")).count();
	}

}
