package io.minibase.auth.phone;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.minibase.auth.config.AuthProperties;
import io.minibase.auth.wechat.ServiceSecretMapper;

import org.springframework.stereotype.Component;

/**
 * Encrypts phone numbers for the {@code app_user} table with AES-256-GCM, the user id as
 * associated data (a value copied to another user's row does not decrypt). The key is
 * {@code AUTH_PHONE_KEY} (base64 of 32 bytes, from the environment or a mounted secret),
 * otherwise one generated on first start and kept in the auth schema
 * ({@code service_secret}, row {@code phone-key}), so all instances share it. Production
 * sets it, so that a database dump alone reveals no number.
 */
@Component
class PhoneCipher {

	static final String NAME = "phone-key";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	PhoneCipher(AuthProperties properties, ServiceSecretMapper secrets) {
		String configured = properties.phone().key();
		String encoded = configured.isBlank() ? storedOrNew(secrets) : configured;
		byte[] bytes = Base64.getDecoder().decode(encoded.strip());
		if (bytes.length != 32) {
			throw new IllegalStateException("AUTH_PHONE_KEY must be base64 of 32 bytes");
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	String encrypt(long userId, PhoneNumber phone) {
		String plain = phone.countryCode() + " " + phone.number();
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(String.valueOf(userId).getBytes(StandardCharsets.US_ASCII));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a phone number", ex);
		}
	}

	PhoneNumber decrypt(long userId, String stored) {
		try {
			byte[] all = Base64.getDecoder().decode(stored);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
			cipher.updateAAD(String.valueOf(userId).getBytes(StandardCharsets.US_ASCII));
			String[] parts = new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.US_ASCII)
				.split(" ", 2);
			return new PhoneNumber(parts[0], parts[1]);
		}
		catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException ex) {
			throw new IllegalStateException("Could not decrypt the phone number of user " + userId, ex);
		}
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
		return "PhoneCipher[redacted]";
	}

}
