package io.minibase.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Access tokens revoked before their expiry (logout). Each is a Redis key
 * {@code auth:denylist:<jti>} that expires when the token would have: the gateway and
 * every service may check the same key, so this prefix is part of the contract (see
 * auth-service/README.md).
 */
@Component
public class AccessTokenDenylist {

	/** The Redis key prefix other components check; the key is this plus the jti. */
	public static final String PREFIX = "auth:denylist:";

	private final StringRedisTemplate redis;

	private final Clock clock;

	AccessTokenDenylist(StringRedisTemplate redis, Clock clock) {
		this.redis = redis;
		this.clock = clock;
	}

	void deny(String jti, Instant expiresAt) {
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		if (left.isNegative() || left.isZero()) {
			return; // expired already: nothing to deny
		}
		// a second of slack so the key never vanishes before a skewed verifier stops
		// accepting the token
		this.redis.opsForValue().set(PREFIX + jti, "1", left.plusSeconds(1));
	}

	boolean isDenied(String jti) {
		return Boolean.TRUE.equals(this.redis.hasKey(PREFIX + jti));
	}

}
