package io.minibase.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two catalog-service instances behind the gateway (the shared stack starts them with
 * {@code MINIBASE_REPLICAS=catalog-service=2}): requests reach both, and when one is
 * killed the gateway stops sending to it within seconds.
 */
@ExtendWith(SharedStack.class)
class SeveralInstancesIT {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void theGatewaySpreadsOverTwoCatalogInstancesAndSurvivesOneBeingKilled() throws Exception {
		LocalStack stack = SharedStack.stack();
		String first = stack.url("catalog-service").orElseThrow();
		String second = stack.url("catalog-service-2").orElseThrow();
		double firstBefore = served(first);
		double secondBefore = served(second);
		for (int i = 0; i < 20; i++) {
			assertThat(status("/api/catalog/categories")).as("answer %d", i).isEqualTo(200);
		}
		assertThat(served(first) - firstBefore).as("requests the first instance served").isPositive();
		assertThat(served(second) - secondBefore).as("requests the second instance served").isPositive();

		ProcessHandle killed = stack.process("catalog-service-2").orElseThrow();
		killed.destroyForcibly();
		killed.onExit().get(10, TimeUnit.SECONDS);
		try {
			// the gateway checks its instances' readiness every 2s; until then a request
			// may still be sent to the dead one
			await().alias("20 answers in a row from the surviving instance")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> twentyInARow("/api/catalog/categories"));
		}
		finally {
			stack.restart("catalog-service-2");
		}
	}

	private static boolean twentyInARow(String path) throws Exception {
		for (int i = 0; i < 20; i++) {
			if (status(path) != 200) {
				return false;
			}
		}
		return true;
	}

	private static int status(String path) throws Exception {
		return http
			.send(HttpRequest.newBuilder(URI.create(SharedStack.stack().gatewayUrl() + path))
				.timeout(Duration.ofSeconds(10))
				.build(), BodyHandlers.discarding())
			.statusCode();
	}

	/** Requests an instance has answered, from its own metrics (actuator calls aside). */
	private static double served(String instance) throws Exception {
		String metrics = http
			.send(HttpRequest.newBuilder(URI.create(instance + "/actuator/prometheus")).build(),
					BodyHandlers.ofString())
			.body();
		return metrics.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_count{"))
			.filter((line) -> !line.contains("uri=\"/actuator"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
