package io.minibase.wechatstub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * The key material of one stub merchant, generated at start and never reused: the
 * merchant's API key pair (the merchant signs its requests with the private half), the
 * platform's key pair ("WeChat Pay public key" mode: the platform signs answers and
 * notifies, the merchant verifies with the public half, named by its id) and the APIv3
 * key that encrypts notify resources. {@link #writeTo} writes what the merchant holds, as
 * WeChat Pay's merchant platform hands it out.
 */
public final class PayStubKeys {

	/** The file names {@link #writeTo} uses, as the merchant platform names them. */
	public static final String MERCHANT_PRIVATE_KEY = "apiclient_key.pem";

	public static final String PLATFORM_PUBLIC_KEY = "pub_key.pem";

	public static final String API_V3_KEY = "apiv3_key.txt";

	private static final SecureRandom random = new SecureRandom();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Times as WeChat Pay writes them: RFC 3339 in Beijing time. */
	static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME
		.withZone(ZoneId.of("Asia/Shanghai"));

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final String merchantId;

	private final String appId;

	private final KeyPair merchant;

	private final String merchantSerialNumber;

	private final KeyPair platform;

	private final String publicKeyId;

	private final String apiV3Key;

	private PayStubKeys(String merchantId, String appId) {
		this.merchantId = merchantId;
		this.appId = appId;
		this.merchant = rsa2048();
		this.merchantSerialNumber = HexFormat.of().withUpperCase().formatHex(randomBytes(20));
		this.platform = rsa2048();
		this.publicKeyId = "PUB_KEY_ID_0" + digits(20);
		this.apiV3Key = randomText(32);
	}

	/** Fresh keys for this merchant id and the app id bound to it. */
	public static PayStubKeys generate(String merchantId, String appId) {
		return new PayStubKeys(merchantId, appId);
	}

	public String merchantId() {
		return this.merchantId;
	}

	public String appId() {
		return this.appId;
	}

	public String merchantSerialNumber() {
		return this.merchantSerialNumber;
	}

	public String publicKeyId() {
		return this.publicKeyId;
	}

	public String apiV3Key() {
		return this.apiV3Key;
	}

	public PrivateKey merchantPrivateKey() {
		return this.merchant.getPrivate();
	}

	/** What WeChat Pay knows of the merchant: the public half of its API key. */
	public PublicKey merchantPublicKey() {
		return this.merchant.getPublic();
	}

	/** The platform's private key, for a test that plays WeChat Pay's notifies. */
	public PrivateKey platformPrivateKey() {
		return this.platform.getPrivate();
	}

	public PublicKey platformPublicKey() {
		return this.platform.getPublic();
	}

	/**
	 * Writes the merchant's private key, the platform's public key and the APIv3 key into
	 * {@code dir}, readable by the owner only.
	 */
	public void writeTo(Path dir) {
		try {
			Files.createDirectories(dir);
			write(dir.resolve(MERCHANT_PRIVATE_KEY), pem("PRIVATE KEY", this.merchant.getPrivate().getEncoded()));
			write(dir.resolve(PLATFORM_PUBLIC_KEY), pem("PUBLIC KEY", this.platform.getPublic().getEncoded()));
			write(dir.resolve(API_V3_KEY), this.apiV3Key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the WeChat Pay stub's keys to " + dir, ex);
		}
	}

	/**
	 * The headers WeChat Pay signs an answer or a notify with:
	 * {@code Wechatpay-Signature} is the platform's SHA256withRSA signature of timestamp,
	 * nonce and body, each followed by a newline; {@code Wechatpay-Serial} names the key.
	 */
	public Map<String, String> signatureHeaders(String body, Instant timestamp) {
		String seconds = String.valueOf(timestamp.getEpochSecond());
		String nonce = randomText(32);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Wechatpay-Timestamp", seconds);
		headers.put("Wechatpay-Nonce", nonce);
		headers.put("Wechatpay-Serial", this.publicKeyId);
		headers.put("Wechatpay-Signature",
				sign(this.platform.getPrivate(), seconds + "\n" + nonce + "\n" + body + "\n"));
		headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
		return headers;
	}

	/**
	 * A notify as WeChat Pay sends it: {@code resource} (JSON) encrypted with the APIv3
	 * key under a fresh nonce, in the envelope of {@code eventType}, signed at
	 * {@code timestamp}.
	 */
	public SignedNotify notify(String eventType, String summary, String originalType, String resource,
			Instant timestamp) {
		String nonce = randomText(12);
		Map<String, Object> encrypted = new LinkedHashMap<>();
		encrypted.put("original_type", originalType);
		encrypted.put("algorithm", "AEAD_AES_256_GCM");
		encrypted.put("ciphertext", encrypt(originalType, nonce, resource));
		encrypted.put("associated_data", originalType);
		encrypted.put("nonce", nonce);
		Map<String, Object> notify = new LinkedHashMap<>();
		notify.put("id", UUID.randomUUID().toString());
		notify.put("create_time", RFC3339.format(timestamp.truncatedTo(ChronoUnit.SECONDS)));
		notify.put("resource_type", "encrypt-resource");
		notify.put("event_type", eventType);
		notify.put("summary", summary);
		notify.put("resource", encrypted);
		String body = JSON.writeValueAsString(notify);
		return new SignedNotify(body, signatureHeaders(body, timestamp));
	}

	/** A notify's body and the headers that sign it. */
	public record SignedNotify(String body, Map<String, String> headers) {
	}

	/** Whether the merchant signed this message (a request's signature line). */
	boolean signedByMerchant(String message, String signature) {
		try {
			Signature verifier = Signature.getInstance("SHA256withRSA");
			verifier.initVerify(this.merchant.getPublic());
			verifier.update(message.getBytes(StandardCharsets.UTF_8));
			return verifier.verify(Base64.getDecoder().decode(signature));
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			return false;
		}
	}

	/** A notify resource: AEAD_AES_256_GCM with the APIv3 key, base64. */
	public String encrypt(String associatedData, String nonce, String plaintext) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(this.apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
					new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sign(PrivateKey key, String message) {
		try {
			Signature signer = Signature.getInstance("SHA256withRSA");
			signer.initSign(key);
			signer.update(message.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signer.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String randomText(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
		}
		return text.toString();
	}

	static String digits(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(random.nextInt(10));
		}
		return text.toString();
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static KeyPair rsa2048() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, random);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static void write(Path file, String content) throws IOException {
		Files.deleteIfExists(file);
		Files.createFile(file);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the folder's own permissions have to do
		}
		Files.writeString(file, content, StandardCharsets.UTF_8);
	}

}
