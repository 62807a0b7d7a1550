package io.minibase.auth.user;

import java.time.Instant;

/**
 * The events of {@code auth.users.v1}, which never carry openid, unionid or phone number,
 * of {@code auth.openids.v1}, which carries the openid to order-service alone, and of
 * {@code auth.phones.v1}, which carries phone numbers to the services that ship.
 */
final class UserEvents {

	static final String TOPIC = "auth.users.v1";

	/** A topic of its own, so that access to openids is granted per topic. */
	static final String OPENIDS_TOPIC = "auth.openids.v1";

	static final String OPENID_LINKED = "auth.WeChatOpenidLinked.v1";

	static final String REGISTERED = "auth.UserRegistered.v1";

	static final String PROFILE_CHANGED = "auth.UserProfileChanged.v1";

	/**
	 * A topic of its own, as openids have: the full number goes only to the services
	 * production grants it to (shipping).
	 */
	static final String PHONES_TOPIC = "auth.phones.v1";

	static final String PHONE_LINKED = "auth.UserPhoneLinked.v1";

	private UserEvents() {
	}

	/** A user logged in for the first time. */
	record UserRegistered(String userId, String nickname, String avatarUrl, Instant registeredAt) {
	}

	/** The user's openid for the mini-program {@code appId}: WeChat Pay's payer id. */
	record WeChatOpenidLinked(String userId, String appId, String openid, Instant linkedAt) {
	}

	/** A user bound a phone number (getPhoneNumber), replacing any earlier one. */
	record UserPhoneLinked(String userId, String countryCode, String phoneNumber, String phoneMasked,
			Instant linkedAt) {

		@Override
		public String toString() {
			return "UserPhoneLinked[userId=" + this.userId + ", " + this.phoneMasked + "]";
		}

	}

	/** A user changed their nickname or avatar. */
	record UserProfileChanged(String userId, String nickname, String avatarUrl, Instant changedAt) {
	}

}
