package io.minibase.order.wechat;

/** How an upload of shipping information went. */
sealed interface UploadResult {

	/** The metric's tag. */
	String outcome();

	/** WeChat has it (or had it already: 10060003, the one re-shipment used). */
	record Uploaded(String outcome) implements UploadResult {
	}

	/**
	 * Not now: WeChat does not know the payment yet (10060001, it asks to wait a minute),
	 * is unavailable, or the buyer's openid has not arrived; uploaded again later.
	 */
	record NotYet(Integer errcode, String outcome) implements UploadResult {
	}

	/**
	 * Never: WeChat refused it for good (kept with its errcode), or it cannot be said.
	 */
	record Refused(Integer errcode, String outcome) implements UploadResult {
	}

}
