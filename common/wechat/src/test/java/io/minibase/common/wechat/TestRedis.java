package io.minibase.common.wechat;

import io.minibase.localservers.LocalInfra;
import io.minibase.localservers.Redis;
import io.minibase.testsupport.TestNamespace;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The integration tests' Redis database (found or started by test-support). */
final class TestRedis {

	private static StringRedisTemplate template;

	private TestRedis() {
	}

	static synchronized StringRedisTemplate template() {
		if (template == null) {
			Redis redis = LocalInfra.forTests().redis();
			RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(redis.host(), redis.port());
			config.setDatabase(TestNamespace.current().redisDatabase(1));
			LettuceConnectionFactory factory = new LettuceConnectionFactory(config);
			factory.afterPropertiesSet();
			factory.start();
			template = new StringRedisTemplate(factory);
		}
		return template;
	}

}
