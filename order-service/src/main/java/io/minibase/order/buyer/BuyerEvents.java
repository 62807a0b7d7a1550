package io.minibase.order.buyer;

import java.time.Instant;

/** The events of {@code auth.openids.v1} this service reads (schema in common-events). */
final class BuyerEvents {

	static final String TOPIC = "auth.openids.v1";

	private BuyerEvents() {
	}

	/** The user's openid for the mini-program {@code appId}. */
	record WeChatOpenidLinked(String userId, String appId, String openid, Instant linkedAt) {

		static final String TYPE = "auth.WeChatOpenidLinked.v1";

	}

}
