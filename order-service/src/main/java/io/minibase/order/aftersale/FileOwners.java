package io.minibase.order.aftersale;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.order.config.OrderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks file-service whether an after-sale's photos are files the buyer uploaded
 * ({@code GET /internal/files/owned}), at the request itself: an event-fed copy of the
 * uploads would lag just behind the buyer, who uploads and asks at once. The call carries
 * the buyer's own access token, so file-service answers about that user only and
 * order-service holds no secret for it (ADR 19). While file-service keeps failing, a
 * circuit breaker answers at once; any failure is {@link PhotosNotCheckable} (503 with
 * Retry-After), never a 500 or a wait past the timeouts.
 */
@Component
class FileOwners {

	private static final Logger log = LoggerFactory.getLogger(FileOwners.class);

	private final RestClient http;

	private final CircuitBreaker breaker;

	@Autowired
	FileOwners(RestClient.Builder builder, OrderProperties properties, MeterRegistry meters) {
		this(client(builder, properties.files()), meters);
	}

	FileOwners(RestClient http, MeterRegistry meters) {
		this.http = http;
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		this.breaker = breakers.circuitBreaker("file-service",
				CircuitBreakerConfig.custom()
					.slidingWindowSize(20)
					.minimumNumberOfCalls(5)
					.failureRateThreshold(50)
					.waitDurationInOpenState(PhotosNotCheckable.RETRY_AFTER)
					.build());
		// resilience4j_circuitbreaker_state{name="file-service"}
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
	}

	/**
	 * Nothing when every photo is a file the token's user uploaded (none is too).
	 * @param accessToken the buyer's access token, as their request carried it
	 * @throws PhotosNotTheBuyers (400) naming each photo that is not theirs
	 * @throws PhotosNotCheckable (503) when file-service could not be asked
	 */
	void requireUploadedBy(String accessToken, List<String> fileIds) {
		if (fileIds.isEmpty()) {
			return;
		}
		Set<String> owned = owned(accessToken, fileIds);
		List<Integer> foreign = IntStream.range(0, fileIds.size())
			.filter((index) -> !owned.contains(fileIds.get(index)))
			.boxed()
			.toList();
		if (!foreign.isEmpty()) {
			throw new PhotosNotTheBuyers(foreign);
		}
	}

	private Set<String> owned(String accessToken, List<String> fileIds) {
		try {
			Owned answer = this.breaker.executeSupplier(() -> this.http.get()
				.uri((uri) -> uri.path("/internal/files/owned").queryParam("ids", fileIds.toArray()).build())
				.headers((headers) -> headers.setBearerAuth(accessToken))
				.retrieve()
				.body(Owned.class));
			return (answer != null && answer.owned() != null) ? Set.copyOf(answer.owned()) : Set.of();
		}
		catch (CallNotPermittedException ex) {
			log.warn("file-service circuit open; after-sale photos not checked");
			throw new PhotosNotCheckable();
		}
		catch (RestClientException ex) {
			// only the type: the message may quote the URL
			log.warn("file-service could not check after-sale photos: {}", ex.getClass().getSimpleName());
			throw new PhotosNotCheckable();
		}
	}

	private static RestClient client(RestClient.Builder builder, OrderProperties.Files settings) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build());
		requests.setReadTimeout(settings.readTimeout());
		return builder.baseUrl(settings.baseUrl().toString()).requestFactory(requests).build();
	}

	/** file-service's answer: the ids asked about that are the user's. */
	record Owned(List<String> owned) {
	}

}
