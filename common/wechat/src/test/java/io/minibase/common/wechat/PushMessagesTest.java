package io.minibase.common.wechat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import io.minibase.wechatstub.PushSigner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Pushes signed and encrypted by the stub's own implementation of WeChat's scheme open
 * here, and anything else is refused.
 */
class PushMessagesTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String aesKey = PushSigner.newEncodingAesKey();

	private final PushSigner wechat = new PushSigner("push-token", this.aesKey, "wx-app");

	private final PushMessages safe = new PushMessages("push-token", this.aesKey, "wx-app", json);

	@Test
	void theUrlHandshakeEchoesOnlyForTheRightSignature() {
		String signature = PushSigner.sign("push-token", "1700000000", "42");

		assertThat(this.safe.verifyUrl(signature, "1700000000", "42", "echo-me")).isEqualTo("echo-me");
		assertThatThrownBy(() -> this.safe.verifyUrl(signature, "1700000001", "42", "echo-me"))
			.isInstanceOf(PushMessages.PushRefused.class);
		assertThatThrownBy(() -> this.safe.verifyUrl(null, "1700000000", "42", "echo-me"))
			.isInstanceOf(PushMessages.PushRefused.class);
	}

	@Test
	void aSafeModeJsonPushIsDecrypted() {
		Signed push = encrypted(
				"{\"Event\":\"wxa_media_check\",\"trace_id\":\"t1\",\"result\":{\"suggest\":\"risky\"}}");

		JsonNode message = this.safe.open(push.signature, push.msgSignature, "1700000000", "42", "aes",
				json.writeValueAsString(Map.of("ToUserName", "gh_x", "Encrypt", push.encrypted)));

		assertThat(message.get("Event").asString()).isEqualTo("wxa_media_check");
		assertThat(message.at("/result/suggest").asString()).isEqualTo("risky");
	}

	@Test
	void aSafeModeXmlPushIsDecryptedAndItsXmlRead() {
		Signed push = encrypted("<xml><Event><![CDATA[wxa_media_check]]></Event><trace_id><![CDATA[t2]]></trace_id>"
				+ "<result><suggest><![CDATA[pass]]></suggest><label>100</label></result></xml>");

		JsonNode message = this.safe.open(push.signature, push.msgSignature, "1700000000", "42", "aes",
				"<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[" + push.encrypted
						+ "]]></Encrypt></xml>");

		assertThat(message.get("trace_id").asString()).isEqualTo("t2");
		assertThat(message.at("/result/suggest").asString()).isEqualTo("pass");
	}

	@Test
	void aWrongMessageSignatureOrATamperedCiphertextIsRefused() {
		Signed push = encrypted("{\"Event\":\"wxa_media_check\"}");
		String body = json.writeValueAsString(Map.of("Encrypt", push.encrypted));

		assertThatThrownBy(() -> this.safe.open(push.signature, "0".repeat(40), "1700000000", "42", "aes", body))
			.isInstanceOf(PushMessages.PushRefused.class);
		// a first character other than the one it has: "A" every time would leave one
		// ciphertext in 64 as it was
		char first = (push.encrypted.charAt(0) == 'A') ? 'B' : 'A';
		String tampered = json.writeValueAsString(Map.of("Encrypt", first + push.encrypted.substring(1)));
		assertThatThrownBy(() -> this.safe.open(push.signature, push.msgSignature, "1700000000", "42", "aes", tampered))
			.isInstanceOf(PushMessages.PushRefused.class);
		assertThatThrownBy(() -> this.safe.open("0".repeat(40), push.msgSignature, "1700000000", "42", "aes", body))
			.isInstanceOf(PushMessages.PushRefused.class);
	}

	@Test
	void aMessageEncryptedForAnotherAppOrInPlainTextWhileSafeModeIsOnIsRefused() {
		PushSigner other = new PushSigner("push-token", this.aesKey, "wx-other");
		String encrypted = other.encryptForTest("{\"Event\":\"x\"}");
		String body = json.writeValueAsString(Map.of("Encrypt", encrypted));
		assertThatThrownBy(() -> this.safe.open(PushSigner.sign("push-token", "1", "2"),
				PushSigner.sign("push-token", "1", "2", encrypted), "1", "2", "aes", body))
			.isInstanceOf(PushMessages.PushRefused.class);

		assertThatThrownBy(() -> this.safe.open(PushSigner.sign("push-token", "1", "2"), null, "1", "2", null,
				"{\"Event\":\"x\"}"))
			.isInstanceOf(PushMessages.PushRefused.class);
	}

	@Test
	void inPlainModeTheSignatureAloneDecides() {
		PushMessages plain = new PushMessages("push-token", "", "wx-app", json);

		assertThat(plain.open(PushSigner.sign("push-token", "1", "2"), null, "1", "2", null, "{\"Event\":\"x\"}")
			.get("Event")
			.asString()).isEqualTo("x");
		assertThatThrownBy(() -> plain.open(PushSigner.sign("push-token", "1", "3"), null, "1", "2", null, "{}"))
			.isInstanceOf(PushMessages.PushRefused.class);
	}

	@Test
	void xmlWithADoctypeIsRefusedUnread() {
		PushMessages plain = new PushMessages("push-token", "", "wx-app", json);
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Event>&e;</Event></xml>";

		assertThatThrownBy(() -> plain.open(PushSigner.sign("push-token", "1", "2"), null, "1", "2", null, xxe))
			.isInstanceOf(PushMessages.PushRefused.class);
	}

	/**
	 * XXE: external entities, parameter entities, external DTDs, entity expansion and
	 * XInclude, in a plain push and inside a safe-mode message, against a server of the
	 * test's own that would answer them: every DOCTYPE is refused, an XInclude is an
	 * element like any other, and nothing is ever fetched.
	 */
	@Test
	void externalEntitiesParameterEntitiesAndXIncludesFetchNothing() throws Exception {
		List<String> fetched = new CopyOnWriteArrayList<>();
		HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		attacker.createContext("/", (exchange) -> {
			fetched.add(exchange.getRequestURI().toString());
			byte[] dtd = "<!ENTITY leak SYSTEM \"file:///etc/hostname\">".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, dtd.length);
			exchange.getResponseBody().write(dtd);
			exchange.close();
		});
		attacker.start();
		try {
			String url = "http://127.0.0.1:" + attacker.getAddress().getPort();
			PushMessages plain = new PushMessages("push-token", "", "wx-app", json);
			String signature = PushSigner.sign("push-token", "1", "2");
			for (String xxe : List.of(
					"<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"" + url
							+ "/entity\">]><xml><Event>&e;</Event></xml>",
					"<!DOCTYPE xml [<!ENTITY % p SYSTEM \"" + url
							+ "/parameter\"> %p;]><xml><Event>&leak;</Event></xml>",
					"<!DOCTYPE xml SYSTEM \"" + url + "/dtd\"><xml><Event>x</Event></xml>",
					"<!doctype xml PUBLIC \"-//x//y\" \"" + url + "/public\"><xml/>",
					"<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><xml>&b;</xml>")) {
				assertThatThrownBy(() -> plain.open(signature, null, "1", "2", null, xxe)).as(xxe)
					.isInstanceOf(PushMessages.PushRefused.class);
				// the same inside a safe-mode message, parsed after decryption
				Signed push = encrypted(xxe);
				assertThatThrownBy(() -> this.safe.open(push.signature, push.msgSignature, "1700000000", "42", "aes",
						json.writeValueAsString(Map.of("Encrypt", push.encrypted))))
					.as(xxe)
					.isInstanceOf(PushMessages.PushRefused.class);
			}
			// an XInclude is not processed: an element like any other, nothing fetched
			JsonNode included = plain.open(signature, null, "1", "2", null,
					"<xml xmlns:xi=\"http://www.w3.org/2001/XInclude\"><Event>x</Event><xi:include href=\"" + url
							+ "/include\" parse=\"text\"/></xml>");
			assertThat(included.get("Event").asString()).isEqualTo("x");
			assertThat(included.get("xi:include").asString()).isEmpty();
			assertThat(fetched).as("requests the parser sent").isEmpty();
		}
		finally {
			attacker.stop(0);
		}
	}

	/**
	 * Nesting was read by recursion with no limit but the JDK parser's: where it has none
	 * (Java 17; Java 25 stops at 100), 100,000 levels (700 KB) were a StackOverflowError.
	 */
	@Test
	void xmlNestedDeeperThanAnyPushIsRefusedAtOnce() {
		PushMessages plain = new PushMessages("push-token", "", "wx-app", json);
		String signature = PushSigner.sign("push-token", "1", "2");
		String deepest = "<xml>" + "<a>".repeat(PushMessages.MAX_DEPTH - 2) + "<b>x</b>"
				+ "</a>".repeat(PushMessages.MAX_DEPTH - 2) + "</xml>";
		assertThat(plain.open(signature, null, "1", "2", null, deepest).toString()).contains("\"b\":\"x\"");

		// 40 is within the JDK's own limit where it has one (100 on Java 25): refused
		// here
		for (int depth : new int[] { PushMessages.MAX_DEPTH + 1, 40, 100_000 }) {
			String deep = "<xml>" + "<a>".repeat(depth - 1) + "x" + "</a>".repeat(depth - 1) + "</xml>";
			assertTimeoutPreemptively(Duration.ofSeconds(5),
					() -> assertThatThrownBy(() -> plain.open(signature, null, "1", "2", null, deep))
						.as("depth %d", depth)
						.isInstanceOf(PushMessages.PushRefused.class));
		}
	}

	/**
	 * A length near Integer.MAX_VALUE overflowed the bounds check and the message was cut
	 * at a negative offset: a StringIndexOutOfBoundsException, a 500, for anyone holding
	 * the token and the key.
	 */
	@Test
	void aPlaintextWhoseLengthFieldRunsPastItsEndIsRefused() {
		for (int length : new int[] { Integer.MAX_VALUE, Integer.MAX_VALUE - 19, Integer.MAX_VALUE - 10, 1 << 30, -1,
				Integer.MIN_VALUE }) {
			byte[] plain = new byte[64];
			ByteBuffer.wrap(plain, 16, 4).putInt(length);
			Arrays.fill(plain, 20, 64, (byte) 'x');
			plain[63] = 1;
			String encrypted = encrypt(this.aesKey, plain);

			assertThatThrownBy(() -> this.safe.open(PushSigner.sign("push-token", "1", "2"),
					PushSigner.sign("push-token", "1", "2", encrypted), "1", "2", "aes",
					json.writeValueAsString(Map.of("Encrypt", encrypted))))
				.as("length %d", length)
				.isInstanceOf(PushMessages.PushRefused.class);
		}
	}

	/**
	 * Base64 of the plaintext encrypted with the EncodingAESKey (AES-256-CBC, IV its
	 * first 16 bytes), zero-filled to whole blocks.
	 */
	static String encrypt(String encodingAesKey, byte[] plaintext) {
		byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
		byte[] blocks = Arrays.copyOf(plaintext, (plaintext.length + 15) / 16 * 16);
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
					new IvParameterSpec(Arrays.copyOf(key, 16)));
			return Base64.getEncoder().encodeToString(cipher.doFinal(blocks));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Signed encrypted(String message) {
		String encrypted = this.wechat.encryptForTest(message);
		return new Signed(PushSigner.sign("push-token", "1700000000", "42"),
				PushSigner.sign("push-token", "1700000000", "42", encrypted), encrypted);
	}

	private record Signed(String signature, String msgSignature, String encrypted) {
	}

}
