package io.minibase.file.push;

import java.util.Optional;

import io.minibase.common.wechat.PushMessages;
import io.minibase.common.wechat.WeChatProperties;
import io.minibase.file.config.ReviewProperties;
import io.minibase.file.review.FileReviews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat's message push ({@code GET|POST /api/wechat/push}, public through the gateway):
 * the URL verification handshake, then pushed messages, believed only when signed with
 * the push token (and, in safe mode, decrypted with the EncodingAESKey). The events used
 * are dispatched: {@code wxa_media_check} to the media check; others are acknowledged and
 * ignored. A refused push is 403 and changes nothing.
 */
@RestController
@RequestMapping("/api/wechat/push")
class PushController {

	private static final Logger log = LoggerFactory.getLogger(PushController.class);

	private final Optional<PushMessages> messages;

	private final FileReviews reviews;

	PushController(ReviewProperties review, WeChatProperties wechat, JsonMapper json, FileReviews reviews) {
		// no token configured: the endpoint answers 404, as if there were none
		this.messages = review.push().token().isBlank() ? Optional.empty() : Optional
			.of(new PushMessages(review.push().token(), review.push().encodingAesKey(), wechat.appId(), json));
		this.reviews = reviews;
	}

	@GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
	String verify(@RequestParam(required = false) String signature, @RequestParam(required = false) String timestamp,
			@RequestParam(required = false) String nonce, @RequestParam(required = false) String echostr) {
		return refusedLogged(() -> messages().verifyUrl(signature, timestamp, nonce, echostr));
	}

	@PostMapping(produces = MediaType.TEXT_PLAIN_VALUE)
	String receive(@RequestParam(required = false) String signature,
			@RequestParam(name = "msg_signature", required = false) String msgSignature,
			@RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
			@RequestParam(name = "encrypt_type", required = false) String encryptType,
			@RequestBody(required = false) String body) {
		JsonNode message = refusedLogged(
				() -> messages().open(signature, msgSignature, timestamp, nonce, encryptType, body));
		String event = message.path("Event").asString("");
		if ("wxa_media_check".equals(event)) {
			this.reviews.decided(message.path("trace_id").asString(""),
					message.path("result").path("suggest").asString(""), message.path("errcode").asInt(0));
		}
		else {
			log.debug("Push of {} {} acknowledged, not used", message.path("MsgType").asString(""), event);
		}
		// what WeChat wants back: anything else makes it push the message again
		return "success";
	}

	private PushMessages messages() {
		return this.messages.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND));
	}

	private static <T> T refusedLogged(java.util.function.Supplier<T> call) {
		try {
			return call.get();
		}
		catch (PushMessages.PushRefused ex) {
			log.warn("Message push refused: {}", ex.reason());
			throw ex;
		}
	}

}
