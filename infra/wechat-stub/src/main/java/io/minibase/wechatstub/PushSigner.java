package io.minibase.wechatstub;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and encrypts message pushes as WeChat does: {@code signature} is the SHA-1 of
 * token, timestamp and nonce sorted and joined; in safe mode the message is AES-256-CBC
 * encrypted with the key of the 43-character EncodingAESKey (IV: the key's first 16
 * bytes) over {@code random(16) + length(4, big-endian) + message + appid}, padded PKCS#7
 * to 32 bytes, and {@code msg_signature} adds the ciphertext to the sorted strings.
 * Written apart from the services' own code, so a mistake on one side shows.
 */
public final class PushSigner {

	private static final SecureRandom random = new SecureRandom();

	private final String token;

	private final byte[] aesKey;

	private final String appId;

	/**
	 * @param token the push token configured for the mini-program
	 * @param encodingAesKey the 43-character EncodingAESKey, or null for plain mode
	 */
	public PushSigner(String token, String encodingAesKey, String appId) {
		this.token = token;
		this.aesKey = (encodingAesKey != null) ? Base64.getDecoder().decode(encodingAesKey + "=") : null;
		if (this.aesKey != null && this.aesKey.length != 32) {
			throw new IllegalArgumentException("An EncodingAESKey is 43 characters of base64 for 32 bytes");
		}
		this.appId = appId;
	}

	/** A fresh EncodingAESKey, as the mini-program's admin console would generate. */
	public static String newEncodingAesKey() {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return Base64.getEncoder().withoutPadding().encodeToString(key);
	}

	boolean encrypts() {
		return this.aesKey != null;
	}

	/** SHA-1 hex of the parts sorted and joined, WeChat's signature of a push. */
	public static String sign(String... parts) {
		String[] sorted = parts.clone();
		Arrays.sort(sorted);
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			return HexFormat.of().formatHex(sha1.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String signature(String timestamp, String nonce) {
		return sign(this.token, timestamp, nonce);
	}

	String messageSignature(String timestamp, String nonce, String encrypted) {
		return sign(this.token, timestamp, nonce, encrypted);
	}

	/** {@link #encrypt}, for the tests of a receiving end. */
	public String encryptForTest(String message) {
		return encrypt(message);
	}

	/** The base64 ciphertext of a message, as the push's {@code Encrypt} carries it. */
	String encrypt(String message) {
		byte[] text = message.getBytes(StandardCharsets.UTF_8);
		byte[] app = this.appId.getBytes(StandardCharsets.UTF_8);
		byte[] prefix = new byte[16];
		random.nextBytes(prefix);
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		plain.writeBytes(prefix);
		plain.writeBytes(ByteBuffer.allocate(4).putInt(text.length).array());
		plain.writeBytes(text);
		plain.writeBytes(app);
		int pad = 32 - (plain.size() % 32);
		for (int i = 0; i < pad; i++) {
			plain.write(pad);
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(this.aesKey, "AES"),
					new IvParameterSpec(Arrays.copyOf(this.aesKey, 16)));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plain.toByteArray()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
