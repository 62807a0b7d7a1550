package io.minibase.order.aftersale;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minibase.order.config.OrderProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.ExpectedCount;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withException;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withServerError;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * The check of an after-sale's photos with file-service, whose side is played by
 * MockRestServiceServer (and, for the timeout, a server that never answers).
 */
class FileOwnersTest {

	private static final String BASE = "http://files.test";

	private static final String MINE = "Qm9yaW5nLWJ1dC1yYW5kb2";

	private static final String THEIRS = "T3RoZXJzLXBob3RvLWlkLX";

	private static final String TOKEN = "buyers-access-token";

	private MockRestServiceServer files;

	private FileOwners owners;

	@BeforeEach
	void fileService() {
		RestClient.Builder builder = RestClient.builder().baseUrl(BASE);
		this.files = MockRestServiceServer.bindTo(builder).build();
		this.owners = new FileOwners(builder.build(), new SimpleMeterRegistry());
	}

	@Test
	void photosTheBuyerUploadedPassAndFileServiceIsAskedWithTheBuyersToken() {
		this.files.expect(requestTo(BASE + "/internal/files/owned?ids=" + MINE + "&ids=" + THEIRS))
			.andExpect(method(HttpMethod.GET))
			.andExpect(header("Authorization", "Bearer " + TOKEN))
			.andRespond(withSuccess("{\"owned\":[\"" + THEIRS + "\",\"" + MINE + "\"]}", MediaType.APPLICATION_JSON));

		assertThatNoException().isThrownBy(() -> this.owners.requireUploadedBy(TOKEN, List.of(MINE, THEIRS)));
		this.files.verify();
	}

	@Test
	void aPhotoOfAnotherUserIs400NamingItsPlaceInTheField() {
		this.files.expect(requestTo(BASE + "/internal/files/owned?ids=" + MINE + "&ids=" + THEIRS))
			.andRespond(withSuccess("{\"owned\":[\"" + MINE + "\"]}", MediaType.APPLICATION_JSON));

		assertThatExceptionOfType(PhotosNotTheBuyers.class)
			.isThrownBy(() -> this.owners.requireUploadedBy(TOKEN, List.of(MINE, THEIRS)))
			.satisfies((refused) -> {
				assertThat(refused.getStatusCode().value()).isEqualTo(400);
				assertThat(refused.getBody().getProperties().get("errors"))
					.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(java.util.Map.class))
					.singleElement()
					.satisfies((error) -> assertThat(error.get("field")).isEqualTo("imageFileIds[1]"));
			});
	}

	@Test
	void noPhotosAsksNothing() {
		this.owners.requireUploadedBy(TOKEN, List.of());

		this.files.verify();
	}

	@Test
	void fileServiceDownOrFailingIs503WithRetryAfter() {
		this.files.expect(requestTo(BASE + "/internal/files/owned?ids=" + MINE))
			.andRespond(withException(new ConnectException("Connection refused")));
		this.files.expect(requestTo(BASE + "/internal/files/owned?ids=" + MINE)).andRespond(withServerError());

		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatExceptionOfType(PhotosNotCheckable.class)
				.isThrownBy(() -> this.owners.requireUploadedBy(TOKEN, List.of(MINE)))
				.satisfies((unavailable) -> {
					assertThat(unavailable.getStatusCode().value()).isEqualTo(503);
					assertThat(unavailable.getHeaders().getFirst("Retry-After")).isEqualTo("5");
				});
		}
		this.files.verify();
	}

	@Test
	void whileFileServiceKeepsFailingTheCircuitAnswersWithoutAsking() {
		this.files.expect(ExpectedCount.times(5), requestTo(BASE + "/internal/files/owned?ids=" + MINE))
			.andRespond(withException(new ConnectException("Connection refused")));

		for (int attempt = 0; attempt < 8; attempt++) {
			assertThatExceptionOfType(PhotosNotCheckable.class)
				.isThrownBy(() -> this.owners.requireUploadedBy(TOKEN, List.of(MINE)));
		}
		this.files.verify();
	}

	@Test
	void aFileServiceThatNeverAnswersIs503AfterTheReadTimeoutNotALongWait() throws IOException {
		HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		CountDownLatch released = new CountDownLatch(1);
		silent.createContext("/", (exchange) -> {
			try (exchange) {
				released.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		silent.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		silent.start();
		try {
			OrderProperties.Files settings = new OrderProperties.Files(
					URI.create("http://127.0.0.1:" + silent.getAddress().getPort()), Duration.ofMillis(500),
					Duration.ofMillis(300));
			FileOwners slow = new FileOwners(RestClient.builder(), properties(settings), new SimpleMeterRegistry());
			long started = System.nanoTime();

			assertThatExceptionOfType(PhotosNotCheckable.class)
				.isThrownBy(() -> slow.requireUploadedBy(TOKEN, List.of(MINE)));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		}
		finally {
			released.countDown();
			silent.stop(0);
		}
	}

	private static OrderProperties properties(OrderProperties.Files files) {
		return new OrderProperties(Duration.ofMinutes(15), null, null, null, files);
	}

}
