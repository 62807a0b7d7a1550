package io.minibase.common.web;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Redis counter that expires, for limits over a time window (auth-service's failed
 * admin logins, file-service's uploads): the increment and the expiry of a new key are
 * one script, so no crash between two calls can leave a count that never expires (and a
 * user refused for ever).
 */
public final class RedisWindowCounter {

	// the text is given once, so its SHA-1 is computed once (EVALSHA, then EVAL on a
	// miss)
	private static final RedisScript<Long> INCREMENT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return count
			""", Long.class);

	private final StringRedisTemplate redis;

	public RedisWindowCounter(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Adds one to {@code key}; a new key lives {@code ttl}. */
	public long increment(String key, Duration ttl) {
		Long count = this.redis.execute(INCREMENT, List.of(key), Long.toString(ttl.toMillis()));
		return (count != null) ? count : 0;
	}

}
