package io.minibase.auth.wechat;

/**
 * What WeChat says about a login code. All three are secrets of a kind: none of them is
 * ever logged or answered to a client.
 */
public record WeChatSession(String openid, String unionid, String sessionKey) {

	@Override
	public String toString() {
		return "WeChatSession[redacted]";
	}

}
