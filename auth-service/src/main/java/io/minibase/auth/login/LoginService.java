package io.minibase.auth.login;

import io.minibase.auth.admin.Admins;
import io.minibase.auth.token.TokenPair;
import io.minibase.auth.token.Tokens;
import io.minibase.auth.user.Users;
import io.minibase.auth.wechat.SessionKeys;
import io.minibase.auth.wechat.WeChatClient;
import io.minibase.auth.wechat.WeChatSession;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/** A WeChat login from code to tokens, and the refresh and logout of its session. */
@Service
class LoginService {

	private final WeChatClient wechat;

	private final Users users;

	private final SessionKeys sessionKeys;

	private final Tokens tokens;

	private final Admins admins;

	LoginService(WeChatClient wechat, Users users, SessionKeys sessionKeys, Tokens tokens, Admins admins) {
		this.admins = admins;
		this.wechat = wechat;
		this.users = users;
		this.sessionKeys = sessionKeys;
		this.tokens = tokens;
	}

	LoginResponse login(String code) {
		// outside any transaction: no database connection is held while WeChat answers
		WeChatSession session = this.wechat.exchange(code);
		Users.SignedIn signedIn = this.users.signIn(session.openid(), session.unionid());
		this.sessionKeys.keep(signedIn.user().id(), session.sessionKey());
		TokenPair pair = this.tokens.issue(signedIn.user().id());
		return LoginResponse.of(pair, signedIn.user(), signedIn.newUser());
	}

	LoginResponse adminLogin(String username, String password) {
		long userId = this.admins.authenticate(username, password);
		TokenPair pair = this.tokens.issue(userId);
		return LoginResponse.of(pair, this.users.find(userId), false);
	}

	LoginResponse refresh(String refreshToken) {
		TokenPair pair = this.tokens.refresh(refreshToken);
		return LoginResponse.of(pair, this.users.find(pair.userId()), false);
	}

	void logout(Jwt accessToken) {
		this.tokens.logout(accessToken);
	}

}
