package io.minibase.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.minibase.auth.config.AuthProperties;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens in Redis. Only the SHA-256 of a token is stored (a Redis dump
 * yields no usable token), under {@code auth:refresh:<sha256 hex>} as a hash with the
 * user id, the family id and whether it is spent. A spent token stays until its TTL so
 * that presenting it again is recognised as reuse; a revoked family is a key
 * {@code auth:refresh-family-revoked:<family id>}.
 */
@Component
class RefreshTokens {

	private static final String TOKEN_PREFIX = "auth:refresh:";

	private static final String REVOKED_FAMILY_PREFIX = "auth:refresh-family-revoked:";

	/**
	 * Spends a token atomically, so two concurrent refreshes with the same token cannot
	 * both succeed. Answers {status, user id, family id}: status 1 spent now, 0 unknown,
	 * 2 family revoked, 3 spent before (reuse).
	 */
	private static final RedisScript<List> SPEND = RedisScript.of("""
			local uid = redis.call('HGET', KEYS[1], 'uid')
			if not uid then return {'0', '', ''} end
			local fid = redis.call('HGET', KEYS[1], 'fid')
			if redis.call('EXISTS', ARGV[1] .. fid) == 1 then return {'2', uid, fid} end
			if redis.call('HGET', KEYS[1], 'spent') == '1' then return {'3', uid, fid} end
			redis.call('HSET', KEYS[1], 'spent', '1')
			return {'1', uid, fid}
			""", List.class);

	/**
	 * Writes a new token with its expiry in one step: as HSET then EXPIRE, a crash
	 * between the two left a refresh token that never expired.
	 */
	private static final RedisScript<Long> ISSUE = RedisScript.of("""
			redis.call('HSET', KEYS[1], 'uid', ARGV[1], 'fid', ARGV[2], 'spent', '0')
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			return 1
			""", Long.class);

	private final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final AuthProperties properties;

	RefreshTokens(StringRedisTemplate redis, AuthProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/** A new token of the family: 32 random bytes, base64url. */
	String issue(long userId, String familyId) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String key = TOKEN_PREFIX + hash(token);
		this.redis.execute(ISSUE, List.of(key), String.valueOf(userId), familyId,
				String.valueOf(this.properties.refreshTokenTtl().toMillis()));
		return token;
	}

	/** Spends a token; a token presented a second time revokes its whole family. */
	Spent spend(String token) {
		@SuppressWarnings("unchecked")
		List<Object> answer = this.redis.execute(SPEND, List.of(TOKEN_PREFIX + hash(token)), REVOKED_FAMILY_PREFIX);
		String status = String.valueOf(answer.get(0));
		switch (status) {
			case "1" -> {
				return new Spent(Long.parseLong(String.valueOf(answer.get(1))), String.valueOf(answer.get(2)));
			}
			case "3" -> {
				revokeFamily(String.valueOf(answer.get(2)));
				throw new RefreshTokenRejected("The refresh token was already used; its sessions are revoked.");
			}
			case "2" -> throw new RefreshTokenRejected("The refresh token was revoked.");
			default -> throw new RefreshTokenRejected("The refresh token is unknown or expired.");
		}
	}

	void revokeFamily(String familyId) {
		this.redis.opsForValue().set(REVOKED_FAMILY_PREFIX + familyId, "1", this.properties.refreshTokenTtl());
	}

	boolean isFamilyRevoked(String familyId) {
		return Boolean.TRUE.equals(this.redis.hasKey(REVOKED_FAMILY_PREFIX + familyId));
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A token just spent: whose it was and its family. */
	record Spent(long userId, String familyId) {
	}

}
