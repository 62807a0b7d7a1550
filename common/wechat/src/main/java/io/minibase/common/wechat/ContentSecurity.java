package io.minibase.common.wechat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * WeChat's content security, which its review asks of any mini-program that shows users'
 * content to others: text through {@code msg_sec_check} (v2) before it is saved, images
 * through {@code media_check_async}, whose result arrives by the message push. Any
 * service that saves text others can see calls {@link #requireSafeText}.
 *
 * <p>
 * Saving is fail-closed: text that could not be checked is not saved (503 while WeChat is
 * down, 502 for another error of WeChat's), because WeChat's review holds the
 * mini-program responsible for every public text, and a retry later costs the user
 * little, where unchecked text shown to everyone can cost the mini-program its listing.
 */
public class ContentSecurity {

	private static final Logger log = LoggerFactory.getLogger(ContentSecurity.class);

	static final String TEXT_API = "msg_sec_check";

	static final String MEDIA_API = "media_check_async";

	private final WeChatApi api;

	private final MeterRegistry meters;

	public ContentSecurity(WeChatApi api, MeterRegistry meters) {
		this.api = api;
		this.meters = meters;
	}

	/** Where the text appears, as WeChat's {@code scene} numbers it. */
	public enum Scene {

		/** A profile: nickname, signature. */
		PROFILE(1),
		/** A comment: an after-sale reason, a review. */
		COMMENT(2),
		/** A forum post. */
		FORUM(3),
		/** A social log. */
		SOCIAL_LOG(4);

		private final int code;

		Scene(int code) {
			this.code = code;
		}

		public int code() {
			return this.code;
		}

	}

	/** WeChat's {@code result.suggest}. */
	public enum Verdict {

		PASS, REVIEW, RISKY;

		static Verdict of(String suggest) {
			return switch (suggest) {
				case "pass" -> PASS;
				case "review" -> REVIEW;
				default -> RISKY;
			};
		}

	}

	/**
	 * Checks text before it is saved.
	 * @param openid the author's openid for this mini-program (WeChat requires it)
	 * @param field the request's field, named in the 422
	 * @throws ContentRejected when WeChat finds it risky
	 * @throws WeChatUnavailable when WeChat cannot be asked (fail-closed)
	 * @throws ContentCheckFailed when WeChat answers another error
	 */
	public void requireSafeText(String openid, Scene scene, String field, String text) {
		if (checkText(openid, scene, text) == Verdict.RISKY) {
			throw new ContentRejected(field);
		}
	}

	/**
	 * WeChat's verdict on a text. {@code review} (WeChat is unsure) is let through and
	 * counted: WeChat itself does not call it risky, and refusing it would refuse many
	 * harmless names.
	 */
	public Verdict checkText(String openid, Scene scene, String text) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("content", text);
		body.put("version", 2);
		body.put("scene", scene.code());
		body.put("openid", openid);
		JsonNode answer;
		try {
			answer = this.api.post(TEXT_API, "/wxa/msg_sec_check", body);
		}
		catch (WeChatError ex) {
			log.warn("Text check failed: {}", ex.getMessage());
			throw new ContentCheckFailed();
		}
		Verdict verdict = Verdict.of(answer.path("result").path("suggest").asString("risky"));
		this.meters.counter("wechat.content.verdicts", "kind", "text", "verdict", verdict.name().toLowerCase())
			.increment();
		return verdict;
	}

	/**
	 * Asks WeChat to check an image; the result arrives at the message push as a
	 * {@code wxa_media_check} event with the trace id returned here.
	 * @param mediaUrl where WeChat downloads the image from
	 * @return WeChat's trace id of the check
	 * @throws WeChatUnavailable when WeChat cannot be asked now (ask again later)
	 * @throws WeChatError when WeChat refuses the request
	 */
	public String checkImageAsync(String openid, Scene scene, String mediaUrl) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("media_url", mediaUrl);
		body.put("media_type", 2);
		body.put("version", 2);
		body.put("scene", scene.code());
		body.put("openid", openid);
		String traceId = this.api.post(MEDIA_API, "/wxa/media_check_async", body).path("trace_id").asString("");
		if (traceId.isBlank()) {
			throw new WeChatError(MEDIA_API, 0, "answered without a trace_id");
		}
		return traceId;
	}

}
