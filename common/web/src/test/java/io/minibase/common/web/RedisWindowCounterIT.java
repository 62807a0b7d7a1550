package io.minibase.common.web;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.minibase.localservers.LocalInfra;
import io.minibase.localservers.Redis;
import io.minibase.testsupport.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The counter on a real Redis: a new key has its expiry from its first count on. */
class RedisWindowCounterIT {

	private LettuceConnectionFactory factory;

	private StringRedisTemplate redis;

	@BeforeEach
	void connect() {
		Redis server = LocalInfra.forTests().redis();
		RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(server.host(), server.port());
		config.setDatabase(TestNamespace.current().redisDatabase(1));
		this.factory = new LettuceConnectionFactory(config);
		this.factory.afterPropertiesSet();
		this.factory.start();
		this.redis = new StringRedisTemplate(this.factory);
	}

	@AfterEach
	void close() {
		this.factory.destroy();
	}

	@Test
	void aNewCountExpiresAndLaterCountsDoNotPushItsExpiryBack() {
		RedisWindowCounter counter = new RedisWindowCounter(this.redis);
		String key = "test:window:" + UUID.randomUUID();

		assertThat(counter.increment(key, Duration.ofSeconds(60))).isEqualTo(1);
		long first = this.redis.getExpire(key, TimeUnit.MILLISECONDS);
		assertThat(first).isBetween(1L, 60_000L);
		// a longer ttl on later counts would show if they set the expiry again
		assertThat(counter.increment(key, Duration.ofSeconds(120))).isEqualTo(2);
		assertThat(counter.increment(key, Duration.ofSeconds(120))).isEqualTo(3);

		assertThat(this.redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(1L, first);
		this.redis.delete(key);
	}

}
