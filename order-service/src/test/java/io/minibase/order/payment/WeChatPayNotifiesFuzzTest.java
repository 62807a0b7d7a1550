package io.minibase.order.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.minibase.order.config.OrderProperties;
import io.minibase.wechatstub.PayStubKeys;
import io.minibase.wechatstub.PayStubKeys.SignedNotify;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever reaches {@code POST /api/payments/wechat/notify} (anyone can send it), the
 * verdict is believed or refused with a 4xx, never an exception (a 500, which WeChat Pay
 * would retry for a day). Three depths: headers and body as sent; a body signed with the
 * platform's key (the envelope's parsing); and a resource signed and encrypted (the
 * transaction's parsing and the checks after it), where a believed transaction is always
 * this merchant's and app's.
 */
class WeChatPayNotifiesFuzzTest {

	private static final String MERCHANT = "1900000109";

	private static final String APP = "wx-local-stack";

	private static final PayStubKeys keys = PayStubKeys.generate(MERCHANT, APP);

	private static final WeChatPayNotifies notifies = notifies();

	private static final List<String> HEADERS = List.of("Wechatpay-Serial", "Wechatpay-Signature",
			"Wechatpay-Timestamp", "Wechatpay-Nonce");

	@FuzzTest
	void anyNotifyIsBelievedOrRefusedWithA4xx(FuzzedDataProvider data) {
		int depth = data.consumeInt(0, 2);
		SignedNotify notify = switch (depth) {
			case 0 -> {
				HttpHeaders headers = new HttpHeaders();
				for (String name : HEADERS) {
					if (data.consumeBoolean()) {
						headers.set(name, data.consumeString(80));
					}
				}
				yield new SignedNotify(data.consumeRemainingAsString(), headers.toSingleValueMap());
			}
			case 1 -> {
				String body = data.consumeRemainingAsString();
				yield new SignedNotify(body, keys.signatureHeaders(body, Instant.now()));
			}
			default -> keys.notify(data.consumeString(24), data.consumeString(24), "transaction",
					data.consumeRemainingAsString(), Instant.now());
		};
		HttpHeaders headers = new HttpHeaders();
		notify.headers().forEach(headers::set);

		NotifyVerdict<Transaction> verdict = notifies.payment(headers, notify.body());

		if (verdict instanceof NotifyVerdict.Refused<Transaction> refused) {
			assertThat(refused.status().is4xxClientError()).as(refused.toString()).isTrue();
		}
		else if (verdict instanceof NotifyVerdict.Believed<Transaction> believed) {
			assertThat(depth).isEqualTo(2);
			assertThat(believed.resource().getMchid()).isEqualTo(MERCHANT);
			assertThat(believed.resource().getAppid()).isEqualTo(APP);
		}
	}

	private static WeChatPayNotifies notifies() {
		try {
			Path keyDir = Files.createTempDirectory("wechatpay-fuzz");
			keys.writeTo(keyDir);
			OrderProperties properties = WeChatPayProviderTest.properties(keys, keyDir, "http://127.0.0.1:9",
					Duration.ofSeconds(2));
			WeChatPayConfiguration configuration = new WeChatPayConfiguration();
			RSAPublicKeyConfig config = configuration.weChatPayConfig(properties);
			return new WeChatPayNotifies(configuration.weChatPayNotificationParser(config), config, properties);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
