package io.minibase.auth.login;

import io.minibase.auth.token.TokenPair;
import io.minibase.auth.user.User;

/**
 * The answer to a login or refresh, exactly as api.md has it. It carries nothing WeChat
 * said (no openid, unionid or session key).
 */
record LoginResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, UserSummary user) {

	static LoginResponse of(TokenPair tokens, User user, boolean newUser) {
		return new LoginResponse(tokens.accessToken(), tokens.refreshToken(), "Bearer", tokens.expiresIn(),
				new UserSummary(String.valueOf(user.id()), user.nickname(), user.avatarUrl(), newUser));
	}

	@Override
	public String toString() {
		return "LoginResponse[user=" + this.user.id() + "]";
	}

	/** The user as the client sees them at login. */
	record UserSummary(String id, String nickname, String avatarUrl, boolean newUser) {
	}

}
