package io.minibase.gateway.redis;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the gateway's Redis client behaves while Redis is away: every request asks Redis
 * (its rate-limit bucket, and for a token whether it was revoked), so a command must fail
 * at once rather than wait.
 *
 * <p>
 * Lettuce's default queues commands while it reconnects and fails them only when the
 * command timeout ({@code spring.data.redis.timeout}) runs out, so every request through
 * the gateway would wait that long while Redis is down. Rejecting commands while
 * disconnected makes the limiter fail open and the revocation check fail closed (503)
 * within microseconds; Lettuce keeps reconnecting in the background and everything is
 * back as soon as Redis is.
 */
@Configuration(proxyBeanMethods = false)
class RedisWhileDown {

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS).autoReconnect(true);
	}

}
