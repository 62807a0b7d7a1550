package io.minibase.order.wechat;

/** How a subscribe message went. */
sealed interface SendResult {

	/** The metric's tag. */
	String outcome();

	/** WeChat took it. */
	record Sent(long msgid) implements SendResult {
		@Override
		public String outcome() {
			return "sent";
		}
	}

	/** 43101: the buyer has not subscribed (or used up the one message they allowed). */
	record NotSubscribed() implements SendResult {
		@Override
		public String outcome() {
			return "not_subscribed";
		}
	}

	/** Nothing to send: no template configured, or no openid known for the buyer. */
	record Skipped(String why) implements SendResult {
		@Override
		public String outcome() {
			return "skipped_" + this.why;
		}
	}

	/**
	 * WeChat refused it otherwise (a wrong template or data): tried again, then
	 * dead-lettered.
	 */
	record Failed(int errcode) implements SendResult {
		@Override
		public String outcome() {
			return "failed";
		}
	}

}
