package io.minibase.gateway;

import java.util.Map;

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

/** A cached answer is still a request of its client: the rate limit comes first. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "GATEWAY_RATE_PER_SECOND=1", "GATEWAY_RATE_BURST=2" })
@AutoConfigureWebTestClient
class GatewayMicroCacheLimitsTest {

	private static final StubService catalog = StubService.startOnFreePort();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void catalogService(DynamicPropertyRegistry registry) {
		registry.add("CATALOG_SERVICE_URL", catalog::url);
	}

	@AfterAll
	static void stop() {
		catalog.stop();
	}

	@Test
	void cachedReadsCountAgainstTheClientsRateLimit() {
		catalog.answer(new StubService.Answer(200, "application/json", "{}",
				Map.of("Cache-Control", "public, max-age=30", "ETag", "\"1-1\"")));
		String address = "203.0.113.77";

		int ok = 0;
		int refused = 0;
		for (int i = 0; i < 5; i++) {
			int status = this.client.get()
				.uri("/api/catalog/products/1")
				.header("X-Forwarded-For", address)
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
			ok += (status == 200) ? 1 : 0;
			refused += (status == 429) ? 1 : 0;
		}

		assertThat(catalog.received()).hasSize(1);
		assertThat(ok).isBetween(2, 3);
		assertThat(refused).isEqualTo(5 - ok);
	}

}
