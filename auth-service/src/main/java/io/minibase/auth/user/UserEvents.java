package io.minibase.auth.user;

import java.time.Instant;

/** The events of {@code auth.users.v1}. They never carry openid or unionid. */
final class UserEvents {

	static final String TOPIC = "auth.users.v1";

	static final String REGISTERED = "auth.UserRegistered.v1";

	static final String PROFILE_CHANGED = "auth.UserProfileChanged.v1";

	private UserEvents() {
	}

	/** A user logged in for the first time. */
	record UserRegistered(String userId, String nickname, String avatarUrl, Instant registeredAt) {
	}

	/** A user changed their nickname or avatar. */
	record UserProfileChanged(String userId, String nickname, String avatarUrl, Instant changedAt) {
	}

}
