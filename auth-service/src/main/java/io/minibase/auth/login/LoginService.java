package io.minibase.auth.login;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.auth.admin.Admins;
import io.minibase.auth.token.TokenPair;
import io.minibase.auth.token.Tokens;
import io.minibase.auth.user.Users;
import io.minibase.auth.wechat.SessionKeys;
import io.minibase.auth.wechat.WeChatClient;
import io.minibase.auth.wechat.WeChatSession;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/** A WeChat login from code to tokens, and the refresh and logout of its session. */
@Service
class LoginService {

	private final WeChatClient wechat;

	private final Users users;

	private final SessionKeys sessionKeys;

	private final Tokens tokens;

	private final Admins admins;

	private final MeterRegistry meters;

	LoginService(WeChatClient wechat, Users users, SessionKeys sessionKeys, Tokens tokens, Admins admins,
			MeterRegistry meters) {
		this.admins = admins;
		this.meters = meters;
		this.wechat = wechat;
		this.users = users;
		this.sessionKeys = sessionKeys;
		this.tokens = tokens;
	}

	LoginResponse login(String code) {
		try {
			// outside any transaction: no database connection is held while WeChat
			// answers
			WeChatSession session = this.wechat.exchange(code);
			Users.SignedIn signedIn = this.users.signIn(session.openid(), session.unionid());
			this.sessionKeys.keep(signedIn.user().id(), session.sessionKey());
			TokenPair pair = this.tokens.issue(signedIn.user().id());
			count("wechat", signedIn.newUser() ? "new-user" : "success");
			return LoginResponse.of(pair, signedIn.user(), signedIn.newUser());
		}
		catch (ErrorResponseException ex) {
			count("wechat", String.valueOf(ex.getStatusCode().value()));
			throw ex;
		}
	}

	LoginResponse adminLogin(String username, String password) {
		try {
			long userId = this.admins.authenticate(username, password);
			TokenPair pair = this.tokens.issue(userId);
			count("admin", "success");
			return LoginResponse.of(pair, this.users.find(userId), false);
		}
		catch (ErrorResponseException ex) {
			count("admin", String.valueOf(ex.getStatusCode().value()));
			throw ex;
		}
	}

	/** Logins by kind and outcome (success, new-user, or the refusal's status). */
	private void count(String kind, String outcome) {
		Counter.builder("minibase.auth.logins")
			.description("Login attempts by kind and outcome")
			.tag("kind", kind)
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	LoginResponse refresh(String refreshToken) {
		TokenPair pair = this.tokens.refresh(refreshToken);
		return LoginResponse.of(pair, this.users.find(pair.userId()), false);
	}

	void logout(Jwt accessToken) {
		this.tokens.logout(accessToken);
	}

}
