package io.minibase.common.wechat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.minibase.wechatstub.PushSigner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever reaches the push endpoints (anyone can send to them), {@link PushMessages}
 * answers a message (an object) or refuses it ({@link PushMessages.PushRefused}, a 403),
 * never another exception, and within two seconds (inputs are at most a few KB). Four
 * depths: a plain-mode push as sent, signed with the token (JSON or XML, as the fuzzer
 * writes it); a safe-mode envelope with the right {@code msg_signature} over whatever
 * {@code Encrypt} it holds (the decryption's checks); any plaintext encrypted with the
 * right key (the unpadding, the length and appid fields); and a well-framed plaintext for
 * the right app with any message in it (the message's parsing after decryption). Jazzer's
 * SSRF sanitizer fails the run if any input makes the parser open a connection (an
 * external entity, a DTD, an XInclude).
 */
class PushMessagesFuzzTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String TOKEN = "push-token";

	private static final String APP = "wx-app";

	private static final String AES_KEY = PushSigner.newEncodingAesKey();

	private static final PushMessages plain = new PushMessages(TOKEN, "", APP, json);

	private static final PushMessages safe = new PushMessages(TOKEN, AES_KEY, APP, json);

	private static final Duration BOUND = Duration.ofSeconds(2);

	static {
		// the parsers' classes loaded (and instrumented) once before any input is timed:
		// the first XML took 7 s of that under JAZZER_INSTRUMENTATION_INCLUDES
		String signature = PushSigner.sign(TOKEN, "1", "2");
		for (String body : new String[] { "{\"Event\":\"x\"}", "<xml><Event><![CDATA[x]]></Event><a><b>1</b></a></xml>",
				"<xml><Event>", "<!DOCTYPE xml><xml/>", "{\"Event\":",
				"<?xml version=\"1.0\" encoding=\"UTF-16\"?><xml/>" }) {
			try {
				plain.open(signature, null, "1", "2", null, body);
			}
			catch (PushMessages.PushRefused expected) {
				// as it should be
			}
		}
	}

	@FuzzTest
	void anyPushIsAMessageOrRefused(FuzzedDataProvider data) {
		String timestamp = data.consumeString(12);
		String nonce = data.consumeString(12);
		String signature = data.consumeBoolean() ? PushSigner.sign(TOKEN, timestamp, nonce) : data.consumeString(41);
		int depth = data.consumeInt(0, 3);
		PushMessages messages = (depth == 0) ? plain : safe;
		String encryptType = data.pickValue(new String[] { null, "aes", "AES", "raw", "" });
		String encrypted;
		String body;
		if (depth == 0) {
			encrypted = null;
			body = data.consumeRemainingAsString();
		}
		else {
			encrypted = switch (depth) {
				case 1 -> data.consumeString(600);
				case 2 -> encrypt(data.consumeRemainingAsBytes());
				default -> encrypt(framed(data));
			};
			body = data.consumeBoolean() ? json.writeValueAsString(java.util.Map.of("Encrypt", encrypted))
					: "<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[" + encrypted
							+ "]]></Encrypt></xml>";
		}
		String msgSignature = (encrypted != null) ? PushSigner.sign(TOKEN, timestamp, nonce, encrypted) : null;

		long started = System.nanoTime();
		try {
			JsonNode message = messages.open(signature, msgSignature, timestamp, nonce, encryptType, body);
			assertThat(message).isNotNull();
			assertThat(message.isObject()).as(message.toString()).isTrue();
		}
		catch (PushMessages.PushRefused refused) {
			assertThat(refused.getStatusCode().value()).isEqualTo(403);
			assertThat(refused.reason()).isNotBlank();
		}
		finally {
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
		}
	}

	/**
	 * {@code random(16) + length(4) + message + appid}, PKCS#7-padded to 32 bytes as
	 * WeChat frames it, with the length and the appid as the fuzzer chooses (mostly the
	 * right ones).
	 */
	private static byte[] framed(FuzzedDataProvider data) {
		boolean rightLength = data.consumeBoolean();
		int length = rightLength ? 0 : data.consumeInt();
		String app = data.consumeBoolean() ? APP : data.consumeString(20);
		byte[] message = data.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		plain.writeBytes(new byte[16]);
		plain.writeBytes(ByteBuffer.allocate(4).putInt(rightLength ? message.length : length).array());
		plain.writeBytes(message);
		plain.writeBytes(app.getBytes(StandardCharsets.UTF_8));
		int pad = 32 - (plain.size() % 32);
		for (int i = 0; i < pad; i++) {
			plain.write(pad);
		}
		return plain.toByteArray();
	}

	private static String encrypt(byte[] plaintext) {
		return PushMessagesTest.encrypt(AES_KEY, plaintext);
	}

}
