package io.minibase.common.wechat;

/**
 * WeChat answered a call with an errcode other than 0 that retrying would not change (an
 * invalid code, a user who did not subscribe, a wrong AppSecret). The caller decides what
 * it means for its own client; {@link #getMessage()} never holds a token or secret.
 */
public class WeChatError extends RuntimeException {

	private final String api;

	private final int errcode;

	public WeChatError(String api, int errcode, String errmsg) {
		super(api + " answered errcode " + errcode + " (" + errmsg + ")", null, false, false);
		this.api = api;
		this.errcode = errcode;
	}

	/** The API's name, as in the metrics ({@code getuserphonenumber}, ...). */
	public String api() {
		return this.api;
	}

	public int errcode() {
		return this.errcode;
	}

}
