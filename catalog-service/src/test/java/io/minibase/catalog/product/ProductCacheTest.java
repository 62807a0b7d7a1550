package io.minibase.catalog.product;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minibase.catalog.config.CatalogProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class ProductCacheTest {

	private static final Product APPLE = new Product(7, 3, "苹果", "", 1250, 9, ProductStatus.ON_SALE, "[]",
			Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"), 1);

	private final StringRedisTemplate redis = mock(StringRedisTemplate.class);

	@SuppressWarnings("unchecked")
	private final ValueOperations<String, String> values = mock(ValueOperations.class);

	private final ProductMapper products = mock(ProductMapper.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ProductCache cache = new ProductCache(this.redis, this.products, this.json,
			new CatalogProperties("/api/files/",
					new CatalogProperties.Cache(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
							Duration.ofMillis(100), 4, Duration.ofMillis(500), Duration.ofSeconds(1))),
			this.meters);

	@Test
	void aReturningRedisIsUsedAgainWithoutARestart() {
		given(this.redis.opsForValue()).willReturn(this.values);
		given(this.products.findById(7)).willReturn(APPLE);
		given(this.values.get(ProductCache.key(7))).willThrow(new RedisConnectionFailureException("down"))
			.willReturn(this.json.writeValueAsString(APPLE));

		assertThat(this.cache.find(7)).contains(APPLE); // Redis fails: from MySQL
		assertThat(this.cache.find(7)).contains(APPLE); // Redis skipped for a while
		verify(this.products, times(2)).findById(7);
		verify(this.values, times(1)).get(anyString());

		// after redis-retry-after (100ms) a read asks Redis again: a hit, not a load
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			clearInvocations(this.products);
			assertThat(this.cache.find(7)).contains(APPLE);
			assertThat(count("hit")).isEqualTo(1);
			verifyNoInteractions(this.products);
		});
		assertThat(count("error")).isEqualTo(1);
		assertThat(count("hit")).isEqualTo(1);
	}

	@Test
	void anUnknownIdIsRememberedAsAbsentSoMySqlIsAskedOnce() {
		given(this.redis.opsForValue()).willReturn(this.values);
		given(this.values.get(ProductCache.key(404))).willReturn(null, null, "-");

		assertThat(this.cache.find(404)).isEmpty();
		verify(this.values).set(eq(ProductCache.key(404)), eq("-"), eq(Duration.ofSeconds(30)));
		assertThat(this.cache.find(404)).isEmpty();
		verify(this.products, times(1)).findById(404);
		assertThat(count("miss")).isEqualTo(1);
		assertThat(count("absent")).isEqualTo(1);
	}

	@Test
	void aCachedProductIsStoredWithTheTtlPlusJitter() {
		given(this.redis.opsForValue()).willReturn(this.values);
		given(this.products.findById(7)).willReturn(APPLE);
		this.cache.find(7);
		verify(this.values).set(eq(ProductCache.key(7)), anyString(),
				argThat((Duration ttl) -> ttl.compareTo(Duration.ofMinutes(5)) >= 0
						&& ttl.compareTo(Duration.ofSeconds(330)) <= 0));
	}

	private double count(String result) {
		return this.meters.counter("catalog.cache", "cache", "product", "result", result).count();
	}

}
