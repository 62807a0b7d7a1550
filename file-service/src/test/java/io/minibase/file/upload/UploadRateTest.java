package io.minibase.file.upload;

import java.time.Duration;
import java.util.List;

import io.minibase.file.config.FileProperties;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class UploadRateTest {

	private final StringRedisTemplate redis = mock();

	private final UploadRate rate = new UploadRate(this.redis, properties(3, Duration.ofMinutes(1)));

	@Test
	void eachUploadIsCountedInItsWindowWhichExpiresAfterIt() {
		givenCount(1L);

		this.rate.acquire(7);

		// the window's key (owner and window number) lives one window and a second
		verify(this.redis).execute(any(), eq(List.of("files:uploads:v1:7:" + System.currentTimeMillis() / 60_000)),
				eq("61000"));
	}

	@Test
	void anUploadOverTheLimitIs429WithTheSecondsLeftInTheWindow() {
		givenCount(4L);

		UploadRateExceeded refused = catchThrowableOfType(UploadRateExceeded.class, () -> this.rate.acquire(7));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(Integer.parseInt(refused.getHeaders().getFirst("Retry-After"))).isBetween(1, 60);
	}

	@Test
	void aDeadRedisLetsTheUploadThrough() {
		given(this.redis.execute(any(), anyList(), any(Object[].class)))
			.willThrow(new RedisConnectionFailureException("down"));

		assertThatNoException().isThrownBy(() -> this.rate.acquire(7));
	}

	@SuppressWarnings("unchecked")
	private void givenCount(long count) {
		given(this.redis.execute(any(RedisScript.class), anyList(), any(Object[].class))).willReturn(count);
	}

	private static FileProperties properties(int uploads, Duration window) {
		return new FileProperties(DataSize.ofMegabytes(10), 1000, List.of(64), 1,
				new FileProperties.Rate(uploads, window), new FileProperties.Quota(DataSize.ofMegabytes(1)), null);
	}

}
