package io.minibase.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.minibase.gateway.redis.CallersEventLoop;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Spring Cloud Gateway's token-bucket script for {@code RedisRateLimiter}, read once.
 *
 * <p>
 * The gateway's own bean reads the script through a {@code ResourceScriptSource}, and
 * {@code DefaultRedisScript} asks that source on every call whether the file changed
 * ({@code getSha1()}): inside the packaged jar that opens the nested jar entry on every
 * request (about 10% of the gateway's CPU in a profile of cached catalog reads). The same
 * script from a string has a fixed SHA-1.
 */
@Configuration(proxyBeanMethods = false)
class RateLimiterScript {

	/** Where Spring Cloud Gateway keeps it (GatewayRedisAutoConfiguration). */
	static final String LOCATION = "META-INF/scripts/request_rate_limiter.lua";

	/**
	 * The limiter the routes' {@code RequestRateLimiter} filters use; it replaces the
	 * gateway's own (which is {@code @ConditionalOnMissingBean}), whose script bean is
	 * not conditional and is injected by name.
	 */
	@Bean
	RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configuration) {
		return new OnTheCallersLoop(redis, readOnce(), configuration);
	}

	/**
	 * The limiter whose verdict comes back on the request's event loop, not Lettuce's
	 * ({@link CallersEventLoop}): the rest of the request runs where it started.
	 */
	static final class OnTheCallersLoop extends RedisRateLimiter {

		OnTheCallersLoop(ReactiveStringRedisTemplate redis, RedisScript<List<Long>> script,
				ConfigurationService configuration) {
			super(redis, script, configuration);
		}

		@Override
		public Mono<Response> isAllowed(String routeId, String id) {
			return CallersEventLoop.resume(super.isAllowed(routeId, id));
		}

	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	static RedisScript<List<Long>> readOnce() {
		try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
			return (RedisScript) RedisScript.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), List.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Spring Cloud Gateway's " + LOCATION + " is missing", ex);
		}
	}

}
