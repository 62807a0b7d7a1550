package io.minibase.order.payment;

import com.wechat.pay.java.service.payments.model.Transaction;

import org.springframework.http.HttpStatus;

/** What the verification of a WeChat Pay notify found. */
sealed interface NotifyVerdict {

	/** Signed by WeChat Pay, recent, decrypted, and for this merchant and app. */
	record Believed(Transaction transaction) implements NotifyVerdict {
	}

	/**
	 * Not believed, or not applicable: answered {@code status} with {@code {"code":
	 * "FAIL", "message"}}, so that WeChat Pay sends it again.
	 *
	 * @param reason the metric tag and log word ({@code forged}, {@code stale}, ...)
	 */
	record Refused(HttpStatus status, String reason, String message) implements NotifyVerdict {
	}

}
