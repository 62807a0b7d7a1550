package io.minibase.wechatstub;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * A stand-in for WeChat's server API for the local stack and tests: {@code GET
 * /sns/jscode2session}, answering as the stub table in api.md says, and the access_token
 * APIs of "WeChat platform calls" there ({@link PlatformStub}): {@code stable_token},
 * phone numbers, text and media checks, with media check results pushed to the message
 * push URL given by {@link #pushTo}.
 *
 * <p>
 * Answers are sent the way WeChat sends them: always HTTP 200, errors as
 * {@code {"errcode":..,"errmsg":".."}} in the body, and {@code Content-Type: text/plain}
 * even though the body is JSON. That last one is deliberate: a client that only parses
 * {@code application/json} works against a friendlier stub and then fails against the
 * real API.
 */
public final class WeChatStub implements AutoCloseable {

	static final String PATH = "/sns/jscode2session";

	// <user> is [a-z0-9]{1,32}; <anything> is at least one character
	private static final Pattern USER_CODE = Pattern.compile("mock-([a-z0-9]{1,32})-.+");

	private static final SecureRandom random = new SecureRandom();

	private final HttpServer server;

	private final ExecutorService executor;

	private final Consumer<String> requestLog;

	/** Codes that have logged someone in: WeChat accepts a code once. */
	private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();

	/** WeChat down: jscode2session answers -1 to every code too ({@link #busy}). */
	private volatile boolean busy;

	/** Busy codes already answered with -1 once. */
	private final Set<String> busyOnce = ConcurrentHashMap.newKeySet();

	private final PlatformStub platform;

	private WeChatStub(HttpServer server, ExecutorService executor, Consumer<String> requestLog) {
		this.server = server;
		this.executor = executor;
		this.requestLog = requestLog;
		this.platform = new PlatformStub(requestLog);
	}

	/**
	 * Starts the stub on 127.0.0.1.
	 * @param port the port, or 0 for any free one
	 * @param requestLog receives one line per request (code and answer), for the stack's
	 * log file
	 */
	public static WeChatStub start(int port, Consumer<String> requestLog) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
			ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
			WeChatStub stub = new WeChatStub(server, executor, requestLog);
			server.createContext("/", stub::handle);
			server.setExecutor(executor);
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the WeChat stub on port " + port, ex);
		}
	}

	/** The base URL to give auth-service ({@code WECHAT_API_BASE_URL}). */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * How long the tokens {@code stable_token} hands out live (WeChat: 7200 s); a test
	 * makes them short to see them renewed.
	 */
	public void tokenLifetime(Duration lifetime) {
		this.platform.tokenLifetime(lifetime);
	}

	/**
	 * How many times {@code stable_token} was called, for the test of the shared token.
	 */
	public int tokenCalls() {
		return this.platform.tokenCalls();
	}

	/** The current tokens expire at once: calls with them are answered 42001. */
	public void expireAccessTokens() {
		this.platform.expireTokens(false);
	}

	/**
	 * The current tokens become invalid at once (as after a force refresh elsewhere):
	 * 40001.
	 */
	public void invalidateAccessTokens() {
		this.platform.expireTokens(true);
	}

	/**
	 * Where media check results are pushed, as the mini-program's admin console
	 * configures the message push.
	 * @param url the push URL (the gateway's {@code /api/wechat/push})
	 * @param token the push token
	 * @param encodingAesKey the EncodingAESKey for safe mode, or null for plain mode
	 * @param appId the mini-program's AppID, which safe mode encrypts with the message
	 * @param xml XML pushes instead of JSON
	 */
	public void pushTo(String url, String token, String encodingAesKey, String appId, boolean xml) {
		this.platform.pushTo(url, token, encodingAesKey, appId, xml);
	}

	/** How long a media check takes before its result is pushed (1 s by default). */
	public void mediaCheckDelay(Duration delay) {
		this.platform.mediaCheckDelay(delay);
	}

	/**
	 * WeChat is busy: {@code jscode2session} and every access_token API answer errcode -1
	 * until told otherwise, as during an outage.
	 */
	public void busy(boolean busy) {
		this.busy = busy;
		this.platform.busy(busy);
	}

	/**
	 * The subscribe messages sent (not those refused), oldest first, as WeChat got them.
	 */
	public List<JsonNode> subscribeMessages() {
		return this.platform.shop().messages();
	}

	/** The shipping information uploads accepted, oldest first. */
	public List<JsonNode> shippingUploads() {
		return this.platform.shop().uploads();
	}

	/** How many mini-program codes {@code getwxacodeunlimit} has made. */
	public int shareCodes() {
		return this.platform.shop().shareCodes();
	}

	/** The events pushed (or attempted), oldest first. */
	public List<Map<String, Object>> pushes() {
		return this.platform.pushes();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.platform.close();
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (this.platform.serves(path)) {
				if (!"POST".equals(exchange.getRequestMethod())) {
					exchange.getResponseHeaders().set("Allow", "POST");
					send(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
					return;
				}
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				PlatformStub.Reply image = this.platform.image(path, exchange.getRequestURI().getRawQuery(), body);
				if (image != null) {
					this.requestLog.accept("POST " + path + " -> " + (image.contentType().startsWith("image/")
							? image.body().length + " bytes" : new String(image.body(), StandardCharsets.UTF_8)));
					send(exchange, 200, image.contentType(), image.body());
					return;
				}
				String answer = this.platform.answer(path, exchange.getRequestURI().getRawQuery(), body);
				// never the token or a phone number in the log
				this.requestLog.accept("POST " + path + " -> "
						+ (answer.contains("\"errcode\":") && !answer.contains("\"errcode\":0,") ? answer : "ok"));
				send(exchange, 200, "application/json; encoding=utf-8", answer);
				return;
			}
			if (!PATH.equals(path)) {
				send(exchange, 404, "text/plain; charset=utf-8", "not found");
				return;
			}
			if (!"GET".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().set("Allow", "GET");
				send(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
				return;
			}
			String code = query(exchange.getRequestURI().getRawQuery()).get("js_code");
			String answer = answer(code);
			// never the answer itself: it holds a session_key, which no log line may
			// contain
			this.requestLog.accept("js_code=" + code + " -> " + (answer.contains("\"errcode\"") ? answer : "session"));
			send(exchange, 200, "text/plain", answer);
		}
	}

	/** The JSON WeChat would answer for this code; package-private for the unit test. */
	String answer(String code) {
		if (code == null || code.isBlank()) {
			// what WeChat itself answers when js_code is absent
			return error(41008, "missing code");
		}
		if (code.startsWith("mock-invalid-") && code.length() > "mock-invalid-".length()) {
			return error(40029, "invalid code");
		}
		if (code.startsWith("mock-ratelimited-") && code.length() > "mock-ratelimited-".length()) {
			return error(45011, "api minute-quota reach limit  mustslower  retry next minute");
		}
		if (this.busy) {
			return error(-1, "system error");
		}
		if (code.startsWith("mock-busy-") && code.length() > "mock-busy-".length() && this.busyOnce.add(code)) {
			return error(-1, "system error");
		}
		Matcher matcher = USER_CODE.matcher(code);
		if (!matcher.matches()) {
			return error(40029, "invalid code");
		}
		if (!this.usedCodes.add(code)) {
			return error(40163, "code been used");
		}
		// a busy code that succeeds on its second try logs in the user "busy"
		return "{\"session_key\":\"" + sessionKey() + "\",\"openid\":\"mock-openid-" + matcher.group(1) + "\"}";
	}

	private static String error(int code, String message) {
		return "{\"errcode\":" + code + ",\"errmsg\":\"" + message + "\"}";
	}

	private static String sessionKey() {
		byte[] key = new byte[16];
		random.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	static Map<String, String> query(String rawQuery) {
		Map<String, String> parameters = new HashMap<>();
		if (rawQuery == null) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
