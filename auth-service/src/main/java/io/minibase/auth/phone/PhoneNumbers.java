package io.minibase.auth.phone;

import java.util.Map;

import io.minibase.auth.user.User;
import io.minibase.auth.user.Users;
import io.minibase.common.wechat.WeChatApi;
import io.minibase.common.wechat.WeChatError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * Binds a user's phone number from a getPhoneNumber code: asks WeChat for the number
 * ({@code /wxa/business/getuserphonenumber}), keeps it encrypted with its masked form,
 * and publishes it to the services that need it (shipping) through the outbox.
 */
@Service
public class PhoneNumbers {

	private static final Logger log = LoggerFactory.getLogger(PhoneNumbers.class);

	static final String API = "getuserphonenumber";

	/** invalid code (WeChat answers a used code the same), and a code of another app. */
	private static final java.util.Set<Integer> CODE_REFUSED = java.util.Set.of(40029, 40013, 41008);

	private final WeChatApi wechat;

	private final PhoneCipher cipher;

	private final Users users;

	PhoneNumbers(WeChatApi wechat, PhoneCipher cipher, Users users) {
		this.wechat = wechat;
		this.cipher = cipher;
		this.users = users;
	}

	/**
	 * Binds the number the code stands for to the user, replacing an earlier one.
	 * @return the user, with the masked number
	 * @throws PhoneCodeRejected when WeChat does not accept the code
	 * @throws io.minibase.common.wechat.WeChatUnavailable when WeChat cannot be asked
	 */
	public User link(long userId, String code) {
		this.users.find(userId); // 404 before asking WeChat, for a deleted user
		PhoneNumber phone = lookUp(code);
		return this.users.linkPhone(userId, this.cipher.encrypt(userId, phone), phone.masked(), phone.countryCode(),
				phone.number());
	}

	private PhoneNumber lookUp(String code) {
		JsonNode answer;
		try {
			answer = this.wechat.post(API, "/wxa/business/getuserphonenumber", Map.of("code", code));
		}
		catch (WeChatError ex) {
			if (CODE_REFUSED.contains(ex.errcode())) {
				throw new PhoneCodeRejected();
			}
			log.warn("Phone number lookup failed: {}", ex.getMessage());
			throw new PhoneLookupFailed();
		}
		JsonNode info = answer.path("phone_info");
		try {
			return new PhoneNumber(info.path("countryCode").asString("86"), info.path("purePhoneNumber").asString(""));
		}
		catch (IllegalArgumentException ex) {
			log.warn("WeChat answered a phone number that is not one");
			throw new PhoneLookupFailed();
		}
	}

}
