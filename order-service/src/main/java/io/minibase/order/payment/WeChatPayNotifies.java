package io.minibase.order.payment;

import java.time.Duration;
import java.time.Instant;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import io.minibase.order.config.OrderProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Decides whether a notify comes from WeChat Pay for this merchant: the
 * {@code Wechatpay-Signature} over timestamp, nonce and body verifies against the public
 * key named by {@code Wechatpay-Serial} (the SDK verifies and decrypts), the timestamp is
 * within 5 minutes, and the decrypted resource names this merchant and app.
 */
@Component
@ConditionalOnProperty(name = "order.payment.provider", havingValue = WeChatPayProvider.NAME)
class WeChatPayNotifies {

	/** A signature older (or further ahead) than this is not believed: a replay. */
	static final Duration WINDOW = Duration.ofMinutes(5);

	private static final String SERIAL = "Wechatpay-Serial";

	private static final String SIGNATURE = "Wechatpay-Signature";

	private static final String TIMESTAMP = "Wechatpay-Timestamp";

	private static final String NONCE = "Wechatpay-Nonce";

	private final NotificationParser parser;

	private final String publicKeyId;

	private final OrderProperties.WeChatPay settings;

	WeChatPayNotifies(NotificationParser parser, RSAPublicKeyConfig config, OrderProperties properties) {
		this.parser = parser;
		this.publicKeyId = config.createVerifier().getSerialNumber();
		this.settings = properties.payment().wechat();
	}

	/** The verdict on a payment notify: its headers and its body as received. */
	NotifyVerdict<Transaction> payment(HttpHeaders headers, String body) {
		NotifyVerdict<Transaction> verdict = verified(headers, body, Transaction.class);
		if (!(verdict instanceof NotifyVerdict.Believed<Transaction> believed)) {
			return verdict;
		}
		Transaction transaction = believed.resource();
		if (!this.settings.merchantId().equals(transaction.getMchid())
				|| !this.settings.appId().equals(transaction.getAppid())) {
			return refused(HttpStatus.BAD_REQUEST, "wrong-merchant", "mchid or appid is not this merchant's");
		}
		if (blank(transaction.getTransactionId()) || transaction.getAmount() == null
				|| transaction.getAmount().getTotal() == null) {
			return refused(HttpStatus.BAD_REQUEST, "malformed", "transaction_id and amount.total are required");
		}
		return verdict;
	}

	/**
	 * The verdict on a refund notify. Its resource names no merchant in the SDK's model;
	 * the refund number (ours) and its amount are checked by whoever applies it.
	 */
	NotifyVerdict<RefundNotification> refund(HttpHeaders headers, String body) {
		NotifyVerdict<RefundNotification> verdict = verified(headers, body, RefundNotification.class);
		if (verdict instanceof NotifyVerdict.Believed<RefundNotification> believed
				&& (blank(believed.resource().getOutRefundNo()) || believed.resource().getRefundStatus() == null
						|| believed.resource().getAmount() == null
						|| believed.resource().getAmount().getRefund() == null)) {
			return refused(HttpStatus.BAD_REQUEST, "malformed", "out_refund_no, refund_status and amount are required");
		}
		return verdict;
	}

	private <T> NotifyVerdict<T> verified(HttpHeaders headers, String body, Class<T> resource) {
		String serial = headers.getFirst(SERIAL);
		String signature = headers.getFirst(SIGNATURE);
		String timestamp = headers.getFirst(TIMESTAMP);
		String nonce = headers.getFirst(NONCE);
		if (blank(serial) || blank(signature) || blank(timestamp) || blank(nonce)) {
			return refused(HttpStatus.BAD_REQUEST, "missing-header",
					"Wechatpay-Serial, -Signature, -Timestamp and -Nonce are required");
		}
		if (!serial.equals(this.publicKeyId)) {
			return refused(HttpStatus.UNAUTHORIZED, "unknown-serial", "Unknown Wechatpay-Serial");
		}
		Instant signedAt;
		try {
			signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
		}
		catch (RuntimeException ex) {
			return refused(HttpStatus.BAD_REQUEST, "malformed", "Wechatpay-Timestamp is not a number of seconds");
		}
		if (Duration.between(signedAt, Instant.now()).abs().compareTo(WINDOW) > 0) {
			return refused(HttpStatus.UNAUTHORIZED, "stale", "Wechatpay-Timestamp is not within 5 minutes");
		}
		T decrypted;
		try {
			decrypted = this.parser.parse(new RequestParam.Builder().serialNumber(serial)
				.signature(signature)
				.timestamp(timestamp)
				.nonce(nonce)
				.body(body)
				.build(), resource);
		}
		catch (ValidationException ex) {
			return refused(HttpStatus.UNAUTHORIZED, "forged", "Signature verification failed");
		}
		catch (RuntimeException ex) {
			// signed, but no notify (no resource, not JSON: the SDK's and Gson's
			// exceptions), or a resource the APIv3 key does not open
			return refused(HttpStatus.BAD_REQUEST, "malformed", "The notify could not be read");
		}
		if (decrypted == null) {
			return refused(HttpStatus.BAD_REQUEST, "malformed", "The notify could not be read");
		}
		return new NotifyVerdict.Believed<>(decrypted);
	}

	private static <T> NotifyVerdict<T> refused(HttpStatus status, String reason, String message) {
		return new NotifyVerdict.Refused<>(status, reason, message);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
