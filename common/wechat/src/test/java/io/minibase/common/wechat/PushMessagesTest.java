package io.minibase.common.wechat;

import java.util.Map;

import io.minibase.wechatstub.PushSigner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
		String tampered = json.writeValueAsString(Map.of("Encrypt", "A" + push.encrypted.substring(1)));
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

	private Signed encrypted(String message) {
		String encrypted = this.wechat.encryptForTest(message);
		return new Signed(PushSigner.sign("push-token", "1700000000", "42"),
				PushSigner.sign("push-token", "1700000000", "42", encrypted), encrypted);
	}

	private record Signed(String signature, String msgSignature, String encrypted) {
	}

}
