package io.minibase.wechatstub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access_token APIs of WeChat's server API that minibase calls, answering as
 * shared/api.md's stub rules say and with WeChat's error codes: {@code stable_token},
 * {@code getuserphonenumber}, {@code msg_sec_check} (v2) and {@code media_check_async},
 * whose result it pushes to the configured message push URL, signed and (in safe mode)
 * encrypted as WeChat does.
 *
 * <p>
 * Tokens follow {@code stable_token}'s rules: normal mode hands every caller the current
 * token, and a new one only in the last part of its life (five minutes, or half the
 * lifetime when a test makes tokens short-lived), while the old one keeps working until
 * it expires; {@code force_refresh} hands out a new token and the old one stops working
 * at once (40001). A test (or {@code POST /stub/expire-token}) can make the current
 * tokens expire (42001) or become invalid (40001).
 */
final class PlatformStub {

	private static final Duration HANDOVER = Duration.ofMinutes(5);

	private static final Pattern PHONE_CODE = Pattern.compile("phone-(\\d{11})-.+");

	private static final List<String> RISKY_TEXT = List.of("违规", "forbidden-text");

	private static final byte[] RISKY_MEDIA = "RISKY-CONTENT".getBytes(StandardCharsets.US_ASCII);

	private static final SecureRandom random = new SecureRandom();

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

	private final Consumer<String> requestLog;

	private final AtomicInteger tokenCalls = new AtomicInteger();

	/** Every token handed out, by its value. */
	private final Map<String, Issued> issued = new ConcurrentHashMap<>();

	/** The current token of each app id; guarded by this. */
	private final Map<String, Issued> current = new HashMap<>();

	private final Set<String> usedPhoneCodes = ConcurrentHashMap.newKeySet();

	private final List<Map<String, Object>> pushes = new CopyOnWriteArrayList<>();

	private volatile Duration tokenLifetime = Duration.ofHours(2);

	private volatile Push push;

	private volatile Duration mediaCheckDelay = Duration.ofSeconds(1);

	private volatile boolean busy;

	private final ShopPlatformStub shop = new ShopPlatformStub();

	PlatformStub(Consumer<String> requestLog) {
		this.requestLog = requestLog;
	}

	void close() {
		this.scheduler.shutdownNow();
	}

	boolean serves(String path) {
		return path.equals("/cgi-bin/stable_token") || path.startsWith("/wxa/") || path.startsWith("/cgi-bin/")
				|| path.equals("/stub/expire-token");
	}

	/** The JSON answer to a POST of one of the APIs. */
	String answer(String path, String query, String body) {
		JsonNode request = read(body);
		if (path.equals("/stub/expire-token")) {
			int errcode = request.path("errcode").asInt(42001);
			expireTokens(errcode == 40001);
			return "{\"expired\":true}";
		}
		if (path.equals("/cgi-bin/stable_token")) {
			return stableToken(request);
		}
		if (request == null) {
			return error(47001, "data format error");
		}
		String refused = checkToken(WeChatStub.query(query).get("access_token"));
		if (refused != null) {
			return refused;
		}
		if (this.busy) {
			return error(-1, "system error");
		}
		return switch (path) {
			case "/wxa/business/getuserphonenumber" -> phoneNumber(request);
			case "/wxa/msg_sec_check" -> textCheck(request);
			case "/wxa/media_check_async" -> mediaCheck(request);
			case ShopPlatformStub.SUBSCRIBE_SEND -> this.shop.subscribeSend(request);
			case ShopPlatformStub.UPLOAD_SHIPPING -> this.shop.uploadShipping(request);
			default -> error(40066, "invalid url");
		};
	}

	/**
	 * The answer to {@code getwxacodeunlimit}: a PNG ({@code image/jpeg}, as WeChat
	 * labels it whatever the format) or WeChat's JSON error; null for any other path.
	 */
	Reply image(String path, String query, String body) {
		if (!ShopPlatformStub.SHARE_CODE.equals(path)) {
			return null;
		}
		JsonNode request = read(body);
		String refused = (request == null) ? error(47001, "data format error")
				: checkToken(WeChatStub.query(query).get("access_token"));
		if (refused == null && this.busy) {
			refused = error(-1, "system error");
		}
		String[] error = new String[1];
		byte[] png = (refused == null) ? this.shop.shareCode(request, error) : null;
		if (png == null) {
			return new Reply("application/json; encoding=utf-8",
					((refused != null) ? refused : error[0]).getBytes(StandardCharsets.UTF_8));
		}
		return new Reply("image/jpeg", png);
	}

	/** What the stub sends back: the body and its type. */
	record Reply(String contentType, byte[] body) {
	}

	private String stableToken(JsonNode request) {
		this.tokenCalls.incrementAndGet();
		if (request == null) {
			return error(47001, "data format error");
		}
		if (!"client_credential".equals(request.path("grant_type").asString(""))) {
			return error(40002, "invalid grant_type");
		}
		String appId = request.path("appid").asString("");
		if (appId.isBlank()) {
			return error(41002, "appid missing");
		}
		boolean force = request.path("force_refresh").asBoolean(false);
		Issued token;
		synchronized (this) {
			Instant now = Instant.now();
			Issued old = this.current.get(appId);
			Duration handover = min(HANDOVER, this.tokenLifetime.dividedBy(2));
			if (old != null && !force && !old.unusable() && old.expiresAt.isAfter(now.plus(handover))) {
				token = old;
			}
			else {
				if (old != null && force) {
					old.invalid = true;
				}
				token = new Issued(appId, "stub-token-" + HexFormat.of().formatHex(bytes(16)),
						now.plus(this.tokenLifetime));
				this.issued.put(token.value, token);
				this.current.put(appId, token);
			}
		}
		long expiresIn = Math.max(1, Duration.between(Instant.now(), token.expiresAt).toSeconds());
		return "{\"access_token\":\"" + token.value + "\",\"expires_in\":" + expiresIn + "}";
	}

	/** null when the token is good, else WeChat's error. */
	private String checkToken(String value) {
		if (value == null || value.isBlank()) {
			return error(41001, "access_token missing");
		}
		Issued token = this.issued.get(value);
		if (token == null || token.invalid) {
			return error(40001, "invalid credential, access_token is invalid or not latest");
		}
		if (token.expired || !token.expiresAt.isAfter(Instant.now())) {
			return error(42001, "access_token expired");
		}
		return null;
	}

	private String phoneNumber(JsonNode request) {
		String code = request.path("code").asString("");
		Matcher matcher = PHONE_CODE.matcher(code);
		if (code.isBlank()) {
			return error(41008, "missing code");
		}
		if (!matcher.matches() || !this.usedPhoneCodes.add(code)) {
			// WeChat answers a used code as it answers an invalid one
			return error(40029, "invalid code");
		}
		String number = matcher.group(1);
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("phoneNumber", number);
		info.put("purePhoneNumber", number);
		info.put("countryCode", "86");
		info.put("watermark", Map.of("timestamp", Instant.now().getEpochSecond(), "appid", "stub"));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("errcode", 0);
		answer.put("errmsg", "ok");
		answer.put("phone_info", info);
		return this.json.writeValueAsString(answer);
	}

	private String textCheck(JsonNode request) {
		String invalid = requireV2(request);
		if (invalid != null) {
			return invalid;
		}
		String content = request.path("content").asString("");
		if (content.isEmpty()) {
			return error(41008, "content missing");
		}
		boolean risky = RISKY_TEXT.stream().anyMatch(content::contains);
		Map<String, Object> result = Map.of("suggest", risky ? "risky" : "pass", "label", risky ? 20006 : 100);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("errcode", 0);
		answer.put("errmsg", "ok");
		answer.put("result", result);
		answer.put("detail", List.of(Map.of("strategy", "content_model", "errcode", 0, "suggest", result.get("suggest"),
				"label", result.get("label"), "prob", risky ? 90 : 0)));
		answer.put("trace_id", traceId());
		return this.json.writeValueAsString(answer);
	}

	private String mediaCheck(JsonNode request) {
		String invalid = requireV2(request);
		if (invalid != null) {
			return invalid;
		}
		String url = request.path("media_url").asString("");
		int type = request.path("media_type").asInt(0);
		if (url.isBlank() || (type != 1 && type != 2)) {
			return error(40097, "invalid args: media_url and media_type 1 or 2");
		}
		String traceId = traceId();
		String openid = request.path("openid").asString();
		this.scheduler.schedule(() -> checkMedia(traceId, openid, url, 1), this.mediaCheckDelay.toMillis(),
				TimeUnit.MILLISECONDS);
		return "{\"errcode\":0,\"errmsg\":\"ok\",\"trace_id\":\"" + traceId + "\"}";
	}

	private void checkMedia(String traceId, String openid, String url, int attempt) {
		byte[] media;
		try {
			var response = this.http.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
					BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode());
			}
			media = response.body();
		}
		catch (IOException | IllegalArgumentException ex) {
			this.requestLog.accept("media check " + traceId + ": download attempt " + attempt + " failed: " + ex);
			if (attempt < 5) {
				this.scheduler.schedule(() -> checkMedia(traceId, openid, url, attempt + 1), 500L * attempt,
						TimeUnit.MILLISECONDS);
			}
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		boolean risky = contains(media, RISKY_MEDIA);
		Map<String, Object> event = new LinkedHashMap<>();
		Push target = this.push;
		event.put("ToUserName", (target != null) ? target.toUserName : "gh_stub");
		event.put("FromUserName", openid);
		event.put("CreateTime", Instant.now().getEpochSecond());
		event.put("MsgType", "event");
		event.put("Event", "wxa_media_check");
		event.put("appid", (target != null) ? target.appId : "stub");
		event.put("trace_id", traceId);
		event.put("version", 2);
		event.put("detail", List.of(Map.of("strategy", "content_model", "errcode", 0, "suggest",
				risky ? "risky" : "pass", "label", risky ? 20002 : 100, "prob", risky ? 90 : 0)));
		event.put("errcode", 0);
		event.put("errmsg", "ok");
		event.put("result", Map.of("suggest", risky ? "risky" : "pass", "label", risky ? 20002 : 100));
		this.pushes.add(event);
		this.requestLog.accept("media check " + traceId + " -> " + (risky ? "risky" : "pass"));
		deliver(event, 1);
	}

	/** Sends a push, again up to three times when not answered 2xx, as WeChat does. */
	private void deliver(Map<String, Object> event, int attempt) {
		Push target = this.push;
		if (target == null) {
			this.requestLog.accept("push " + event.get("Event") + " dropped: no push URL configured");
			return;
		}
		String message = target.xml ? xml(event) : this.json.writeValueAsString(event);
		String timestamp = String.valueOf(Instant.now().getEpochSecond());
		String nonce = String.valueOf(Math.abs(random.nextLong()));
		StringBuilder url = new StringBuilder(target.url).append(target.url.contains("?") ? "&" : "?")
			.append("signature=")
			.append(target.signer.signature(timestamp, nonce))
			.append("&timestamp=")
			.append(timestamp)
			.append("&nonce=")
			.append(nonce);
		String body = message;
		if (target.signer.encrypts()) {
			String encrypted = target.signer.encrypt(message);
			url.append("&encrypt_type=aes&msg_signature=")
				.append(target.signer.messageSignature(timestamp, nonce, encrypted));
			body = target.xml
					? "<xml><ToUserName><![CDATA[" + target.toUserName + "]]></ToUserName><Encrypt><![CDATA["
							+ encrypted + "]]></Encrypt></xml>"
					: this.json.writeValueAsString(Map.of("ToUserName", target.toUserName, "Encrypt", encrypted));
		}
		int status;
		try {
			status = this.http
				.send(HttpRequest.newBuilder(URI.create(url.toString()))
					.timeout(Duration.ofSeconds(5))
					.header("Content-Type", target.xml ? "text/xml" : "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException | IllegalArgumentException ex) {
			status = -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.requestLog.accept("push " + event.get("Event") + " attempt " + attempt + " -> "
				+ ((status < 0) ? "unreachable" : status));
		if ((status < 200 || status > 299) && attempt < 4 && !this.scheduler.isShutdown()) {
			this.scheduler.schedule(() -> deliver(event, attempt + 1), 1000L * attempt, TimeUnit.MILLISECONDS);
		}
	}

	private static String xml(Map<String, Object> event) {
		StringBuilder xml = new StringBuilder("<xml>");
		event.forEach((name, value) -> {
			if (value instanceof Map<?, ?> map) {
				xml.append('<').append(name).append('>');
				map.forEach((k, v) -> xml.append('<')
					.append(k)
					.append('>')
					.append(cdata(v))
					.append("</")
					.append(k)
					.append('>'));
				xml.append("</").append(name).append('>');
			}
			else if (value instanceof List<?> list) {
				for (Object item : list) {
					xml.append('<').append(name).append('>');
					((Map<?, ?>) item).forEach((k, v) -> xml.append('<')
						.append(k)
						.append('>')
						.append(cdata(v))
						.append("</")
						.append(k)
						.append('>'));
					xml.append("</").append(name).append('>');
				}
			}
			else {
				xml.append('<').append(name).append('>').append(cdata(value)).append("</").append(name).append('>');
			}
		});
		return xml.append("</xml>").toString();
	}

	private static String cdata(Object value) {
		return (value instanceof Number) ? value.toString() : "<![CDATA[" + value + "]]>";
	}

	private static String requireV2(JsonNode request) {
		if (request.path("version").asInt(0) != 2) {
			return error(40097, "invalid args: version must be 2");
		}
		int scene = request.path("scene").asInt(0);
		if (scene < 1 || scene > 4) {
			return error(40097, "invalid args: scene 1..4");
		}
		if (request.path("openid").asString("").isBlank()) {
			return error(40003, "invalid openid");
		}
		return null;
	}

	// for tests and the launcher

	void tokenLifetime(Duration lifetime) {
		this.tokenLifetime = lifetime;
	}

	int tokenCalls() {
		return this.tokenCalls.get();
	}

	synchronized void expireTokens(boolean invalid) {
		for (Issued token : this.current.values()) {
			if (invalid) {
				token.invalid = true;
			}
			else {
				token.expired = true;
			}
		}
	}

	void pushTo(String url, String token, String encodingAesKey, String appId, boolean xml) {
		this.push = new Push(url, new PushSigner(token, encodingAesKey, appId), appId, "gh_0123456789ab", xml);
	}

	void mediaCheckDelay(Duration delay) {
		this.mediaCheckDelay = delay;
	}

	List<Map<String, Object>> pushes() {
		return List.copyOf(this.pushes);
	}

	void busy(boolean busy) {
		this.busy = busy;
	}

	ShopPlatformStub shop() {
		return this.shop;
	}

	private JsonNode read(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	static String error(int code, String message) {
		return "{\"errcode\":" + code + ",\"errmsg\":\"" + message + "\"}";
	}

	private static String traceId() {
		return HexFormat.of().formatHex(bytes(12)).substring(0, 8) + "-"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(9));
	}

	private static byte[] bytes(int n) {
		byte[] bytes = new byte[n];
		random.nextBytes(bytes);
		return bytes;
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** One token; the flags are set by the stub's test hooks and force refreshes. */
	private static final class Issued {

		final String appId;

		final String value;

		final Instant expiresAt;

		volatile boolean invalid;

		volatile boolean expired;

		Issued(String appId, String value, Instant expiresAt) {
			this.appId = appId;
			this.value = value;
			this.expiresAt = expiresAt;
		}

		boolean unusable() {
			return this.invalid || this.expired;
		}

	}

	private record Push(String url, PushSigner signer, String appId, String toUserName, boolean xml) {
	}

}
