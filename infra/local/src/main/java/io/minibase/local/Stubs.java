package io.minibase.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.minibase.wechatstub.PayStubKeys;
import io.minibase.wechatstub.PushSigner;
import io.minibase.wechatstub.WeChatPayStub;
import io.minibase.wechatstub.WeChatStub;

/**
 * The stack's WeChat: the WeChat stub (login, access tokens, the message push to the
 * gateway) and the WeChat Pay stub, each logging to its own file.
 */
final class Stubs implements AutoCloseable {

	/**
	 * The message push's token, as the mini-program's admin console would configure it.
	 */
	static final String PUSH_TOKEN = "minibase-local-push";

	/**
	 * The stub's merchant: a made-up merchant id, and the app id auth-service's WeChat
	 * login uses by default, so the stub's openids are the ones it bound to this app.
	 */
	private static final String PAY_STUB_MERCHANT_ID = "1900000109";

	private static final String PAY_STUB_APP_ID = "wx-local-stack";

	/**
	 * The push's EncodingAESKey (safe mode), new at every start like the pay stub's keys.
	 */
	private final String pushAesKey = PushSigner.newEncodingAesKey();

	private final StackSettings settings;

	private volatile WeChatStub weChat;

	private volatile WeChatPayStub pay;

	Stubs(StackSettings settings) {
		this.settings = settings;
	}

	/**
	 * Starts both stubs, their logs afresh. The WeChat Pay stub's merchant has keys that
	 * are new at every start: the merchant's private key, the platform's public key and
	 * the APIv3 key go into {@code .minibase/run/wechat-pay}, where order-service reads
	 * them as it would read a real merchant's mounted keys.
	 */
	void start(StackPorts ports, PrintStream out) {
		Path weChatLog = log("wechat-stub.log");
		Path payLog = log("wechat-pay-stub.log");
		this.weChat = WeChatStub.start(ports.weChat(), (line) -> appendLine(weChatLog, line));
		this.weChat.pushTo(ports.gatewayUrl() + "/api/wechat/push", PUSH_TOKEN, this.pushAesKey, PAY_STUB_APP_ID,
				false);
		out.printf("  %-12s %s%n", "WeChat stub", this.weChat.baseUrl());
		PayStubKeys keys = PayStubKeys.generate(PAY_STUB_MERCHANT_ID, PAY_STUB_APP_ID);
		keys.writeTo(payKeyDir());
		this.pay = WeChatPayStub.start(ports.weChatPay(), keys, (line) -> appendLine(payLog, line));
		out.printf("  %-12s %s  (POST /stub/pay {\"prepayId\"} pays an order)%n", "WeChat Pay", this.pay.baseUrl());
	}

	WeChatStub weChat() {
		return Objects.requireNonNull(this.weChat, "not started");
	}

	WeChatPayStub pay() {
		return Objects.requireNonNull(this.pay, "not started");
	}

	String pushAesKey() {
		return this.pushAesKey;
	}

	/**
	 * order-service's merchant account: the stub's merchant, its key files, and the
	 * gateway's notify URL, so that the stub's notifies take the route WeChat Pay's take.
	 */
	Map<String, String> payEnvironment(String gatewayUrl) {
		PayStubKeys keys = pay().keys();
		Path dir = payKeyDir();
		Map<String, String> env = new LinkedHashMap<>();
		env.put("WECHATPAY_MERCHANT_ID", keys.merchantId());
		env.put("WECHATPAY_MERCHANT_SERIAL_NUMBER", keys.merchantSerialNumber());
		env.put("WECHATPAY_PRIVATE_KEY_FILE", dir.resolve(PayStubKeys.MERCHANT_PRIVATE_KEY).toString());
		env.put("WECHATPAY_API_V3_KEY_FILE", dir.resolve(PayStubKeys.API_V3_KEY).toString());
		env.put("WECHATPAY_PUBLIC_KEY_ID", keys.publicKeyId());
		env.put("WECHATPAY_PUBLIC_KEY_FILE", dir.resolve(PayStubKeys.PLATFORM_PUBLIC_KEY).toString());
		env.put("WECHATPAY_APP_ID", keys.appId());
		env.put("WECHATPAY_NOTIFY_URL", gatewayUrl + "/api/payments/wechat/notify");
		env.put("WECHATPAY_API_BASE_URL", pay().baseUrl());
		return env;
	}

	@Override
	public void close() {
		if (this.weChat != null) {
			this.weChat.close();
		}
		if (this.pay != null) {
			this.pay.close();
		}
	}

	private Path payKeyDir() {
		return this.settings.home().resolve("run").resolve("wechat-pay");
	}

	/** A stub's log file, emptied: each stack's log starts afresh. */
	private Path log(String name) {
		Path log = this.settings.logDir().resolve(name);
		try {
			Files.createDirectories(log.getParent());
			Files.deleteIfExists(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return log;
	}

	private static void appendLine(Path file, String line) {
		try {
			Files.writeString(file, Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			// the stub's log is a convenience; never fail a login over it
		}
	}

}
