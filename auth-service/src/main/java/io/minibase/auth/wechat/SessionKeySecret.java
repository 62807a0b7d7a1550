package io.minibase.auth.wechat;

import java.security.SecureRandom;
import java.util.Base64;

import io.minibase.auth.config.AuthProperties;

import org.springframework.stereotype.Component;

/**
 * The AES-256 key that encrypts session keys: {@code AUTH_SESSION_KEY_SECRET} (base64 of
 * 32 bytes) when set, otherwise one generated on first start and kept in the auth schema
 * ({@code service_secret}, row {@code session-key}) so all instances and restarts share
 * it. Either way the key is not in Redis, so a Redis dump alone reveals no session key.
 */
@Component
class SessionKeySecret {

	static final String NAME = "session-key";

	private final byte[] key;

	SessionKeySecret(AuthProperties properties, ServiceSecretMapper secrets) {
		String configured = properties.sessionKey().secret();
		String encoded = configured.isBlank() ? storedOrNew(secrets) : configured;
		this.key = Base64.getDecoder().decode(encoded.strip());
		if (this.key.length != 32) {
			throw new IllegalStateException("AUTH_SESSION_KEY_SECRET must be base64 of 32 bytes");
		}
	}

	byte[] key() {
		return this.key.clone();
	}

	private static String storedOrNew(ServiceSecretMapper secrets) {
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		// INSERT IGNORE: when two instances start together, the first one's key wins
		secrets.insertIfAbsent(NAME, Base64.getEncoder().encodeToString(fresh));
		return secrets.find(NAME);
	}

	@Override
	public String toString() {
		return "SessionKeySecret[redacted]";
	}

}
