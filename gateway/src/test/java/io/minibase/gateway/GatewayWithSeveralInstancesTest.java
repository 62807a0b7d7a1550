package io.minibase.gateway;

import java.time.Duration;
import java.time.Instant;

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
	void requestsAreSpreadOverTheInstancesAndOneThatStopsIsLeftOut() throws InterruptedException {
		for (int i = 0; i < 10; i++) {
			this.client.get().uri("/api/catalog/categories").exchange().expectStatus().isOk();
		}
		assertThat(served(first)).as("requests the first instance served").isPositive();
		assertThat(served(second)).as("requests the second instance served").isPositive();

		second.stop();
		long secondServed = served(second);
		// the gateway checks its instances' readiness every 2s
		Instant deadline = Instant.now().plusSeconds(30);
		int okInARow = 0;
		while (okInARow < 10 && Instant.now().isBefore(deadline)) {
			int status = this.client.get()
				.uri("/api/catalog/categories")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
			okInARow = (status == 200) ? okInARow + 1 : 0;
			if (status != 200) {
				Thread.sleep(Duration.ofMillis(300));
			}
		}
		assertThat(okInARow).as("answers in a row by the instance still running").isEqualTo(10);
		assertThat(served(second)).isEqualTo(secondServed);
	}

	/** Requests an instance served, the gateway's health checks aside. */
	private static long served(StubService instance) {
		return instance.received().stream().filter((request) -> !request.uri().startsWith("/actuator")).count();
	}

}
