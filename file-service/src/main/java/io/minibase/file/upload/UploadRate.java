package io.minibase.file.upload;

import java.time.Clock;
import java.time.Duration;

import io.minibase.common.web.RedisWindowCounter;
import io.minibase.file.config.FileProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Per-user upload rate: at most {@code files.rate.uploads} uploads in each fixed window
 * of {@code files.rate.window}, counted in Redis so that every instance shares the count.
 * Redis unreachable: the upload is let through (and logged) rather than every upload
 * failing; the storage quota still holds, it is counted in MySQL.
 */
@Component
class UploadRate {

	private static final Logger log = LoggerFactory.getLogger(UploadRate.class);

	private final RedisWindowCounter uploads;

	private final FileProperties.Rate rate;

	private final Clock clock;

	UploadRate(StringRedisTemplate redis, FileProperties properties) {
		this.uploads = new RedisWindowCounter(redis);
		this.rate = properties.rate();
		this.clock = Clock.systemUTC();
	}

	/** Counts one upload of {@code ownerId}, or refuses it when the window is full. */
	void acquire(long ownerId) {
		long windowMillis = this.rate.window().toMillis();
		long now = this.clock.millis();
		long window = now / windowMillis;
		String key = "files:uploads:v1:" + ownerId + ":" + window;
		long count;
		try {
			count = this.uploads.increment(key, this.rate.window().plusSeconds(1));
		}
		catch (DataAccessException ex) {
			log.warn("Upload rate not checked, Redis failed: {}", ex.getMessage());
			return;
		}
		if (count > this.rate.uploads()) {
			long left = (window + 1) * windowMillis - now;
			throw new UploadRateExceeded(Duration.ofSeconds(Math.max(1, (left + 999) / 1000)));
		}
	}

}
