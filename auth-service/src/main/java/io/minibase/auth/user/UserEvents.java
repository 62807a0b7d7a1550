package io.minibase.auth.user;

import java.time.Instant;

/**
 * The events of {@code auth.users.v1}, which never carry openid or unionid, and of
 * {@code auth.openids.v1}, which carries the openid to order-service alone.
 */
final class UserEvents {

	static final String TOPIC = "auth.users.v1";

	/** A topic of its own, so that access to openids is granted per topic. */
	static final String OPENIDS_TOPIC = "auth.openids.v1";

	static final String OPENID_LINKED = "auth.WeChatOpenidLinked.v1";

	static final String REGISTERED = "auth.UserRegistered.v1";

	static final String PROFILE_CHANGED = "auth.UserProfileChanged.v1";

	private UserEvents() {
	}

	/** A user logged in for the first time. */
	record UserRegistered(String userId, String nickname, String avatarUrl, Instant registeredAt) {
	}

	/** The user's openid for the mini-program {@code appId}: WeChat Pay's payer id. */
	record WeChatOpenidLinked(String userId, String appId, String openid, Instant linkedAt) {
	}

	/** A user changed their nickname or avatar. */
	record UserProfileChanged(String userId, String nickname, String avatarUrl, Instant changedAt) {
	}

}
