package io.minibase.auth.token;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Users an admin disabled, as the token checkers see them: a Redis key
 * {@code auth:user-disabled:<user id>} for as long as the user is disabled. The gateway
 * checks it with the denylist on every protected request, so a disabled user's tokens
 * stop working at once; the key prefix is part of the contract (auth-service/README.md).
 * The database ({@code app_user.disabled_at}) is what login and refresh go by.
 */
@Component
public class DisabledUsers {

	/** The Redis key prefix the gateway checks; the key is this plus the user id. */
	public static final String PREFIX = "auth:user-disabled:";

	private final StringRedisTemplate redis;

	DisabledUsers(StringRedisTemplate redis) {
		this.redis = redis;
	}

	public void disable(long userId) {
		this.redis.opsForValue().set(PREFIX + userId, "1");
	}

	public void enable(long userId) {
		this.redis.delete(PREFIX + userId);
	}

	boolean isDisabled(String userId) {
		return userId != null && Boolean.TRUE.equals(this.redis.hasKey(PREFIX + userId));
	}

}
