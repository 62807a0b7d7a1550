package io.minibase.order.payment;

import org.springframework.http.HttpStatus;

/**
 * What the verification of a WeChat Pay notify found.
 *
 * @param <T> the decrypted resource: a transaction or a refund
 */
sealed interface NotifyVerdict<T> {

	/** Signed by WeChat Pay, recent, decrypted, and for this merchant. */
	record Believed<T>(T resource) implements NotifyVerdict<T> {
	}

	/**
	 * Not believed, or not applicable: answered {@code status} with {@code {"code":
	 * "FAIL", "message"}}, so that WeChat Pay sends it again.
	 *
	 * @param reason the metric tag and log word ({@code forged}, {@code stale}, ...)
	 */
	record Refused<T>(HttpStatus status, String reason, String message) implements NotifyVerdict<T> {
	}

}
