package io.minibase.auth.wechat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.minibase.auth.config.AuthProperties;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps each user's latest WeChat {@code session_key} (needed later to decrypt data the
 * mini-program sends, e.g. a phone number) in Redis under
 * {@code auth:wechat-session:<user id>}, encrypted with AES-256-GCM (the user id is the
 * associated data, so a value copied to another user's key does not decrypt). Each login
 * replaces it; it expires after {@code auth.session-key.ttl}. It is never logged.
 */
@Component
public class SessionKeys {

	private static final String PREFIX = "auth:wechat-session:";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final SecretKeySpec key;

	private final AuthProperties properties;

	SessionKeys(StringRedisTemplate redis, SessionKeySecret secret, AuthProperties properties) {
		this.redis = redis;
		this.key = new SecretKeySpec(secret.key(), "AES");
		this.properties = properties;
	}

	/** Keeps the user's session key, replacing the one of an earlier login. */
	public void keep(long userId, String sessionKey) {
		this.redis.opsForValue().set(PREFIX + userId, encrypt(userId, sessionKey), this.properties.sessionKey().ttl());
	}

	/**
	 * The user's session key, or null when there is none (expired, or never logged in).
	 */
	public String find(long userId) {
		String stored = this.redis.opsForValue().get(PREFIX + userId);
		return (stored != null) ? decrypt(userId, stored) : null;
	}

	private String encrypt(long userId, String plain) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(String.valueOf(userId).getBytes(StandardCharsets.US_ASCII));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a session key", ex);
		}
	}

	private String decrypt(long userId, String stored) {
		try {
			byte[] all = Base64.getDecoder().decode(stored);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
			cipher.updateAAD(String.valueOf(userId).getBytes(StandardCharsets.US_ASCII));
			return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Could not decrypt the session key of user " + userId, ex);
		}
	}

}
