package io.minibase.common.wechat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * WeChat's message push as the receiving end sees it: the URL verification handshake, the
 * signature over token, timestamp and nonce ({@code signature}; in safe mode
 * {@code msg_signature}, which adds the ciphertext), the safe mode's AES decryption
 * (AES-256-CBC, key from the 43-character EncodingAESKey, IV its first 16 bytes, PKCS#7
 * to 32 bytes, {@code random(16) + length(4) + message + appid}), and both formats WeChat
 * sends, JSON and XML. A push that fails any check is refused ({@link PushRefused}) and
 * changes nothing.
 */
public final class PushMessages {

	/** How deep pushed XML may nest, its root element included. */
	static final int MAX_DEPTH = 32;

	private final byte[] token;

	private final SecretKeySpec aesKey;

	private final byte[] iv;

	private final String appId;

	private final JsonMapper json;

	/**
	 * @param token the push token configured in the mini-program's admin console
	 * @param encodingAesKey its EncodingAESKey; blank when the push is in plain mode
	 * @param appId the mini-program's AppID, which safe mode encrypts with every message
	 */
	public PushMessages(String token, String encodingAesKey, String appId, JsonMapper json) {
		if (token == null || token.isBlank()) {
			throw new IllegalArgumentException("The message push needs its token");
		}
		this.token = token.getBytes(StandardCharsets.UTF_8);
		if (encodingAesKey != null && !encodingAesKey.isBlank()) {
			byte[] key = Base64.getDecoder().decode(encodingAesKey.strip() + "=");
			if (key.length != 32) {
				throw new IllegalArgumentException("An EncodingAESKey is 43 characters of base64 for 32 bytes");
			}
			this.aesKey = new SecretKeySpec(key, "AES");
			this.iv = Arrays.copyOf(key, 16);
		}
		else {
			this.aesKey = null;
			this.iv = null;
		}
		this.appId = appId;
		this.json = json;
	}

	/**
	 * The URL verification handshake (GET): the {@code echostr} to answer when the
	 * signature is WeChat's.
	 * @throws PushRefused when it is not
	 */
	public String verifyUrl(String signature, String timestamp, String nonce, String echostr) {
		requireSignature(signature, timestamp, nonce, null);
		if (echostr == null || echostr.isEmpty()) {
			throw new PushRefused("no echostr");
		}
		return echostr;
	}

	/**
	 * A pushed message, checked and (in safe mode) decrypted.
	 * @param encryptType the {@code encrypt_type} parameter ({@code aes} in safe mode)
	 * @param body the request body, JSON or XML
	 * @return the message's fields ({@code MsgType}, {@code Event}, ...), nested objects
	 * as WeChat nests them
	 * @throws PushRefused when a signature does not verify or the message is not ours
	 */
	public JsonNode open(String signature, String msgSignature, String timestamp, String nonce, String encryptType,
			String body) {
		requireSignature(signature, timestamp, nonce, null);
		JsonNode envelope = parse(body);
		boolean encrypted = "aes".equalsIgnoreCase(encryptType) || envelope.has("Encrypt");
		if (!encrypted) {
			if (this.aesKey != null) {
				// safe mode configured: a plain message is not WeChat's
				throw new PushRefused("plain message while safe mode is configured");
			}
			return envelope;
		}
		if (this.aesKey == null) {
			throw new PushRefused("encrypted message without an EncodingAESKey configured");
		}
		String ciphertext = envelope.path("Encrypt").asString("");
		if (ciphertext.isEmpty()) {
			throw new PushRefused("no Encrypt");
		}
		requireSignature(msgSignature, timestamp, nonce, ciphertext);
		return parse(decrypt(ciphertext));
	}

	private void requireSignature(String signature, String timestamp, String nonce, String encrypted) {
		if (signature == null || timestamp == null || nonce == null) {
			throw new PushRefused("signature, timestamp or nonce missing");
		}
		String expected = (encrypted != null)
				? sign(new String(this.token, StandardCharsets.UTF_8), timestamp, nonce, encrypted)
				: sign(new String(this.token, StandardCharsets.UTF_8), timestamp, nonce);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
			throw new PushRefused("signature does not verify");
		}
	}

	/** SHA-1 hex of the parts sorted and joined. */
	static String sign(String... parts) {
		String[] sorted = parts.clone();
		Arrays.sort(sorted);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1")
					.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String decrypt(String ciphertext) {
		byte[] plain;
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.aesKey, new IvParameterSpec(this.iv));
			plain = cipher.doFinal(Base64.getDecoder().decode(ciphertext));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new PushRefused("Encrypt does not decrypt");
		}
		int pad = (plain.length > 0) ? plain[plain.length - 1] : 0;
		if (pad < 1 || pad > 32 || plain.length < 20 + pad) {
			throw new PushRefused("bad padding");
		}
		int end = plain.length - pad;
		int length = ByteBuffer.wrap(plain, 16, 4).getInt();
		// end - 20, not 20 + length: a length near Integer.MAX_VALUE would overflow
		if (length < 0 || length > end - 20) {
			throw new PushRefused("bad length");
		}
		String from = new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8);
		if (!from.equals(this.appId)) {
			throw new PushRefused("message for another app");
		}
		return new String(plain, 20, length, StandardCharsets.UTF_8);
	}

	private JsonNode parse(String body) {
		String text = (body != null) ? body.strip() : "";
		if (text.startsWith("<")) {
			return xml(text);
		}
		try {
			JsonNode node = this.json.readTree(text);
			if (node == null || !node.isObject()) {
				throw new PushRefused("not a message");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new PushRefused("neither JSON nor XML");
		}
	}

	/** WeChat's XML as JSON: elements with children are objects, repeated ones arrays. */
	private JsonNode xml(String text) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			// no DTDs, no external entities: a push is data, never a fetch
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			Element root = factory.newDocumentBuilder()
				.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
				.getDocumentElement();
			return object(root, 1);
		}
		catch (PushRefused ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new PushRefused("unreadable XML");
		}
	}

	/**
	 * The element as an object. WeChat nests 3 deep; deeper than {@link #MAX_DEPTH} is
	 * refused before the recursion could run out of stack, whatever the JDK's parser
	 * allows ({@code jdk.xml.maxElementDepth}: 100 on Java 25, no limit on Java 17).
	 */
	private ObjectNode object(Element element, int depth) {
		ObjectNode node = this.json.createObjectNode();
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (!(child instanceof Element field)) {
				continue;
			}
			if (depth >= MAX_DEPTH) {
				throw new PushRefused("XML nested deeper than " + MAX_DEPTH);
			}
			JsonNode value = hasElements(field) ? object(field, depth + 1)
					: this.json.getNodeFactory().stringNode(field.getTextContent().strip());
			JsonNode existing = node.get(field.getTagName());
			if (existing == null) {
				node.set(field.getTagName(), value);
			}
			else if (existing instanceof ArrayNode array) {
				array.add(value);
			}
			else {
				ArrayNode array = this.json.createArrayNode();
				array.add(existing);
				array.add(value);
				node.set(field.getTagName(), array);
			}
		}
		return node;
	}

	private static boolean hasElements(Element element) {
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element) {
				return true;
			}
		}
		return false;
	}

	/** A push that is not WeChat's, or not for us: answered 403, nothing changes. */
	public static class PushRefused extends org.springframework.web.ErrorResponseException {

		private final String reason;

		PushRefused(String reason) {
			super(org.springframework.http.HttpStatus.FORBIDDEN, org.springframework.http.ProblemDetail
				.forStatusAndDetail(org.springframework.http.HttpStatus.FORBIDDEN, "The push is refused."), null);
			this.reason = reason;
		}

		/** Why, for the log; never answered. */
		public String reason() {
			return this.reason;
		}

	}

}
