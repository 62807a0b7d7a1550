package io.minibase.file.file;

import java.time.Duration;
import java.util.List;

import io.minibase.file.config.FileProperties;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class UploadRateTest {

	private final StringRedisTemplate redis = mock();

	@SuppressWarnings("unchecked")
	private final ValueOperations<String, String> values = mock(ValueOperations.class);

	private final UploadRate rate = new UploadRate(this.redis, properties(3, Duration.ofMinutes(1)));

	@Test
	void theFirstUploadOfAWindowStartsItsExpiry() {
		given(this.redis.opsForValue()).willReturn(this.values);
		given(this.values.increment(anyString())).willReturn(1L);

		this.rate.acquire(7);

		verify(this.redis).expire(anyString(), eq(Duration.ofSeconds(61)));
	}

	@Test
	void anUploadOverTheLimitIs429WithTheSecondsLeftInTheWindow() {
		given(this.redis.opsForValue()).willReturn(this.values);
		given(this.values.increment(anyString())).willReturn(4L);

		UploadRateExceeded refused = catchThrowableOfType(UploadRateExceeded.class, () -> this.rate.acquire(7));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(Integer.parseInt(refused.getHeaders().getFirst("Retry-After"))).isBetween(1, 60);
		verify(this.redis, never()).expire(anyString(), eq(Duration.ofSeconds(61)));
	}

	@Test
	void aDeadRedisLetsTheUploadThrough() {
		given(this.redis.opsForValue()).willReturn(this.values);
		given(this.values.increment(anyString())).willThrow(new RedisConnectionFailureException("down"));

		assertThatNoException().isThrownBy(() -> this.rate.acquire(7));
	}

	private static FileProperties properties(int uploads, Duration window) {
		return new FileProperties(DataSize.ofMegabytes(10), 1000, List.of(64), 1,
				new FileProperties.Rate(uploads, window), new FileProperties.Quota(DataSize.ofMegabytes(1)), null);
	}

}
