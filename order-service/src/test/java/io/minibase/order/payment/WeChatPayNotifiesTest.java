package io.minibase.order.payment;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import io.minibase.order.config.OrderProperties;
import io.minibase.wechatstub.PayStubKeys;
import io.minibase.wechatstub.PayStubKeys.SignedNotify;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which notifies are believed, against real signatures made with the stub's keys: only
 * those WeChat Pay signed, recently, for this merchant and app.
 */
class WeChatPayNotifiesTest {

	@TempDir
	Path keyDir;

	private PayStubKeys keys;

	private WeChatPayNotifies notifies;

	@BeforeEach
	void setUp() {
		this.keys = PayStubKeys.generate("1900000109", "wx-local-stack");
		this.keys.writeTo(this.keyDir);
		OrderProperties properties = WeChatPayProviderTest.properties(this.keys, this.keyDir, "http://127.0.0.1:9",
				Duration.ofSeconds(2));
		WeChatPayConfiguration configuration = new WeChatPayConfiguration();
		RSAPublicKeyConfig config = configuration.weChatPayConfig(properties);
		this.notifies = new WeChatPayNotifies(configuration.weChatPayNotificationParser(config), config, properties);
	}

	@Test
	void aNotifySignedByWeChatPayForThisMerchantIsBelievedAndDecrypted() {
		NotifyVerdict<Transaction> verdict = verdict(
				notify(transaction("1900000109", "wx-local-stack", 990), Instant.now()));

		assertThat(verdict).isInstanceOf(NotifyVerdict.Believed.class);
		Transaction transaction = ((NotifyVerdict.Believed<Transaction>) verdict).resource();
		assertThat(transaction.getOutTradeNo()).isEqualTo("MB000000000000000042");
		assertThat(transaction.getTransactionId()).isEqualTo("4200000000202612010000000042");
		assertThat(transaction.getAmount().getTotal()).isEqualTo(990);
		assertThat(transaction.getTradeState().name()).isEqualTo("SUCCESS");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Wechatpay-Serial", "Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce" })
	void aNotifyWithoutOneOfTheSignatureHeadersIsRefused(String header) {
		SignedNotify notify = notify(transaction("1900000109", "wx-local-stack", 990), Instant.now());
		Map<String, String> headers = new LinkedHashMap<>(notify.headers());
		headers.remove(header);

		assertRefused(verdict(new SignedNotify(notify.body(), headers)), HttpStatus.BAD_REQUEST, "missing-header");
	}

	@Test
	void aNotifyNamingAKeyWeDoNotKnowIsRefused() {
		SignedNotify notify = notify(transaction("1900000109", "wx-local-stack", 990), Instant.now());
		Map<String, String> headers = new LinkedHashMap<>(notify.headers());
		headers.put("Wechatpay-Serial", "PUB_KEY_ID_0000000000000000000000");

		assertRefused(verdict(new SignedNotify(notify.body(), headers)), HttpStatus.UNAUTHORIZED, "unknown-serial");
	}

	@Test
	void aNotifyWhoseBodyWasChangedAfterSigningIsRefused() {
		SignedNotify notify = notify(transaction("1900000109", "wx-local-stack", 990), Instant.now());
		String changed = notify.body().replace("\"summary\":\"支付成功\"", "\"summary\":\"paid\"");
		assertThat(changed).isNotEqualTo(notify.body());

		assertRefused(verdict(new SignedNotify(changed, notify.headers())), HttpStatus.UNAUTHORIZED, "forged");
	}

	@Test
	void aNotifySignedWithAnotherKeyUnderOurSerialIsRefused() {
		PayStubKeys impostor = PayStubKeys.generate("1900000109", "wx-local-stack");
		SignedNotify forged = impostor.notify("TRANSACTION.SUCCESS", "支付成功", "transaction",
				transaction("1900000109", "wx-local-stack", 990), Instant.now());
		Map<String, String> headers = new LinkedHashMap<>(forged.headers());
		headers.put("Wechatpay-Serial", this.keys.publicKeyId());

		assertRefused(verdict(new SignedNotify(forged.body(), headers)), HttpStatus.UNAUTHORIZED, "forged");
	}

	@Test
	void aNotifySignedMoreThanFiveMinutesAgoOrAheadIsRefusedEvenWithAGoodSignature() {
		String transaction = transaction("1900000109", "wx-local-stack", 990);
		// a minute past the five on either side: the check reads its own clock later, and
		// a
		// second's margin ahead failed once on a loaded box
		assertRefused(verdict(notify(transaction, Instant.now().minusSeconds(360))), HttpStatus.UNAUTHORIZED, "stale");
		assertRefused(verdict(notify(transaction, Instant.now().plusSeconds(360))), HttpStatus.UNAUTHORIZED, "stale");
		assertThat(verdict(notify(transaction, Instant.now().minusSeconds(240))))
			.isInstanceOf(NotifyVerdict.Believed.class);
	}

	@Test
	void aNotifyForAnotherMerchantOrAnotherAppIsRefused() {
		assertRefused(verdict(notify(transaction("1900000999", "wx-local-stack", 990), Instant.now())),
				HttpStatus.BAD_REQUEST, "wrong-merchant");
		assertRefused(verdict(notify(transaction("1900000109", "wx-another-app", 990), Instant.now())),
				HttpStatus.BAD_REQUEST, "wrong-merchant");
	}

	@Test
	void malformedNotifiesAreRefused() {
		// signed, but not a notify
		String notJson = "not json";
		assertRefused(verdict(new SignedNotify(notJson, this.keys.signatureHeaders(notJson, Instant.now()))),
				HttpStatus.BAD_REQUEST, "malformed");
		String noResource = "{\"id\":\"1\",\"event_type\":\"TRANSACTION.SUCCESS\"}";
		assertRefused(verdict(new SignedNotify(noResource, this.keys.signatureHeaders(noResource, Instant.now()))),
				HttpStatus.BAD_REQUEST, "malformed");
		// a resource the APIv3 key does not open: encrypted by someone else, signed by us
		PayStubKeys other = PayStubKeys.generate("1900000109", "wx-local-stack");
		String foreign = other
			.notify("TRANSACTION.SUCCESS", "支付成功", "transaction", transaction("1900000109", "wx-local-stack", 990),
					Instant.now())
			.body();
		assertRefused(verdict(new SignedNotify(foreign, this.keys.signatureHeaders(foreign, Instant.now()))),
				HttpStatus.BAD_REQUEST, "malformed");
		// a resource without a transaction id
		assertRefused(verdict(notify("{\"mchid\":\"1900000109\",\"appid\":\"wx-local-stack\","
				+ "\"out_trade_no\":\"MB000000000000000042\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":990}}",
				Instant.now())), HttpStatus.BAD_REQUEST, "malformed");
		// a timestamp that is no number of seconds
		SignedNotify notify = notify(transaction("1900000109", "wx-local-stack", 990), Instant.now());
		Map<String, String> headers = new LinkedHashMap<>(notify.headers());
		headers.put("Wechatpay-Timestamp", "yesterday");
		assertRefused(verdict(new SignedNotify(notify.body(), headers)), HttpStatus.BAD_REQUEST, "malformed");
	}

	@Test
	void aRefundNotifySignedByWeChatPayIsBelievedAndOneWithoutItsNumberIsRefused() {
		String refund = "{\"mchid\":\"1900000109\",\"out_trade_no\":\"MB000000000000000042\","
				+ "\"transaction_id\":\"4200000000202612010000000042\",\"out_refund_no\":\"RF000000000000000007\","
				+ "\"refund_id\":\"50000000382019052709732678859\",\"refund_status\":\"SUCCESS\","
				+ "\"amount\":{\"total\":990,\"refund\":500,\"payer_total\":990,\"payer_refund\":500}}";
		SignedNotify notify = this.keys.notify("REFUND.SUCCESS", "退款成功", "refund", refund, Instant.now());
		NotifyVerdict<RefundNotification> believed = this.notifies.refund(headers(notify), notify.body());
		assertThat(believed).isInstanceOfSatisfying(NotifyVerdict.Believed.class, (verdict) -> {
			RefundNotification resource = (RefundNotification) verdict.resource();
			assertThat(resource.getOutRefundNo()).isEqualTo("RF000000000000000007");
			assertThat(resource.getAmount().getRefund()).isEqualTo(500);
			assertThat(resource.getRefundStatus().name()).isEqualTo("SUCCESS");
		});

		SignedNotify numberless = this.keys.notify("REFUND.SUCCESS", "退款成功", "refund",
				refund.replace("\"out_refund_no\":\"RF000000000000000007\",", ""), Instant.now());
		assertRefused(this.notifies.refund(headers(numberless), numberless.body()), HttpStatus.BAD_REQUEST,
				"malformed");
		SignedNotify stale = this.keys.notify("REFUND.SUCCESS", "退款成功", "refund", refund,
				Instant.now().minusSeconds(600));
		assertRefused(this.notifies.refund(headers(stale), stale.body()), HttpStatus.UNAUTHORIZED, "stale");
	}

	private static HttpHeaders headers(SignedNotify notify) {
		HttpHeaders headers = new HttpHeaders();
		notify.headers().forEach(headers::set);
		return headers;
	}

	private NotifyVerdict<Transaction> verdict(SignedNotify notify) {
		HttpHeaders headers = new HttpHeaders();
		notify.headers().forEach(headers::set);
		return this.notifies.payment(headers, notify.body());
	}

	private SignedNotify notify(String transaction, Instant at) {
		return this.keys.notify("TRANSACTION.SUCCESS", "支付成功", "transaction", transaction, at);
	}

	static String transaction(String mchid, String appid, long total) {
		return "{\"appid\":\"" + appid + "\",\"mchid\":\"" + mchid + "\",\"out_trade_no\":\"MB000000000000000042\","
				+ "\"transaction_id\":\"4200000000202612010000000042\",\"trade_type\":\"JSAPI\","
				+ "\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\",\"bank_type\":\"OTHERS\","
				+ "\"success_time\":\"2026-12-01T20:00:00+08:00\",\"payer\":{\"openid\":\"mock-openid-alice\"},"
				+ "\"amount\":{\"total\":" + total + ",\"payer_total\":" + total
				+ ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
	}

	private static void assertRefused(NotifyVerdict<?> verdict, HttpStatus status, String reason) {
		assertThat(verdict).isInstanceOfSatisfying(NotifyVerdict.Refused.class, (refused) -> {
			assertThat(refused.status()).isEqualTo(status);
			assertThat(refused.reason()).isEqualTo(reason);
		});
	}

}
