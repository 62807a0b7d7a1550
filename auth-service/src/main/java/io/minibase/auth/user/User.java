package io.minibase.auth.user;

import java.time.Instant;

/**
 * A mini-program user, one per WeChat openid of this app. Of the phone number only the
 * masked form is read here; the full number stays encrypted in the table.
 */
public record User(long id, String openid, String unionid, String nickname, String avatarUrl, Instant createdAt,
		String phoneMasked) {

	// openid and unionid identify the person at WeChat: never in a log line
	@Override
	public String toString() {
		return "User[id=" + this.id + "]";
	}

}
