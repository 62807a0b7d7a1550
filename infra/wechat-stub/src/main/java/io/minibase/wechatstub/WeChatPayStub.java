package io.minibase.wechatstub;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the WeChat Pay API v3 endpoints minibase uses (JSAPI prepay, query by
 * {@code out_trade_no}, close, refund and refund query), for the local stack and tests,
 * with {@code POST /stub/pay} to play the buyer (shared/api.md, "The WeChat Pay stub").
 *
 * <p>
 * It keeps the protocol's rules, so that a merchant that works against it works against
 * WeChat Pay: every {@code /v3} request must carry a valid
 * {@code Authorization: WECHATPAY2-SHA256-RSA2048} signature by the merchant's key
 * (otherwise 401 {@code SIGN_ERROR}); every answer is signed with the platform key
 * ({@code Wechatpay-Serial} is the public key id, {@code Wechatpay-Signature} over
 * timestamp, nonce and body); notifies are signed the same way, their resource encrypted
 * with the APIv3 key (AEAD_AES_256_GCM), and sent again, with back-off, until the
 * merchant answers 2xx. A failed payment ({@code "result": "FAIL"}) is not notified, as
 * WeChat Pay notifies successes only: the trade shows {@code PAYERROR} when queried. For
 * tests, {@code "notify": false} pays without notifying: a notify lost on the way.
 */
public final class WeChatPayStub implements AutoCloseable {

	/** How long a signature's timestamp is believed, both ways. */
	static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(5);

	/** Delays between notify attempts: quick, as a test waits on them, then slower. */
	private static final List<Duration> NOTIFY_BACKOFF = List.of(Duration.ZERO, Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
			Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(30));

	private static final int NOTIFY_ATTEMPTS = 15;

	private static final Pattern AUTHORIZATION = Pattern.compile("WECHATPAY2-SHA256-RSA2048 (.+)");

	private static final Pattern AUTHORIZATION_PART = Pattern.compile("(\\w+)=\"([^\"]*)\"");

	private static final Pattern TRADE_PATH = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/]+)(/close)?");

	private static final Pattern REFUND_PATH = Pattern.compile("/v3/refund/domestic/refunds/([^/]+)");

	private final HttpServer server;

	private final ExecutorService executor;

	private final ScheduledExecutorService notifier = Executors.newSingleThreadScheduledExecutor();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final PayStubKeys keys;

	private final Consumer<String> requestLog;

	private final AtomicLong sequence = new AtomicLong();

	/** Trades by out_trade_no; guarded by this. */
	private final Map<String, Trade> trades = new HashMap<>();

	/** Refunds by out_refund_no; guarded by this. */
	private final Map<String, Refund> refunds = new HashMap<>();

	private WeChatPayStub(HttpServer server, ExecutorService executor, PayStubKeys keys, Consumer<String> requestLog) {
		this.server = server;
		this.executor = executor;
		this.keys = keys;
		this.requestLog = requestLog;
	}

	/**
	 * Starts the stub on 127.0.0.1.
	 * @param port the port, or 0 for any free one
	 * @param keys the merchant's and the platform's keys (see {@link PayStubKeys})
	 * @param requestLog receives one line per request and per notify attempt, without
	 * secrets
	 */
	public static WeChatPayStub start(int port, PayStubKeys keys, Consumer<String> requestLog) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
			ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
			WeChatPayStub stub = new WeChatPayStub(server, executor, keys, requestLog);
			server.createContext("/", stub::handle);
			server.setExecutor(executor);
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the WeChat Pay stub on port " + port, ex);
		}
	}

	/** The base URL to give order-service instead of https://api.mch.weixin.qq.com. */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public PayStubKeys keys() {
		return this.keys;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.notifier.shutdownNow();
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Answer answer;
			try {
				answer = path.startsWith("/stub/") ? stub(exchange.getRequestMethod(), path, body)
						: api(exchange, path, body);
			}
			catch (Refused refused) {
				answer = refused.answer;
			}
			this.requestLog.accept(exchange.getRequestMethod() + " " + path + " -> " + answer.status
					+ ((answer.status >= 400) ? " " + answer.body : ""));
			send(exchange, answer, !path.startsWith("/stub/"));
		}
	}

	private Answer api(HttpExchange exchange, String path, String body) {
		authenticate(exchange, body);
		String method = exchange.getRequestMethod();
		if (path.equals("/v3/pay/transactions/jsapi") && method.equals("POST")) {
			return prepay(read(body));
		}
		Matcher trade = TRADE_PATH.matcher(path);
		if (trade.matches()) {
			String outTradeNo = decode(trade.group(1));
			if (trade.group(2) == null && method.equals("GET")) {
				return query(outTradeNo);
			}
			if (trade.group(2) != null && method.equals("POST")) {
				return close(outTradeNo, read(body));
			}
		}
		if (path.equals("/v3/refund/domestic/refunds") && method.equals("POST")) {
			return refund(read(body));
		}
		Matcher refund = REFUND_PATH.matcher(path);
		if (refund.matches() && method.equals("GET")) {
			return queryRefund(decode(refund.group(1)));
		}
		throw refused(404, "NOT_FOUND", "No such API: " + method + " " + path);
	}

	/**
	 * Checks the merchant's signature over method, URL, timestamp, nonce and body, as
	 * WeChat Pay does.
	 */
	private void authenticate(HttpExchange exchange, String body) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		Matcher scheme = (header != null) ? AUTHORIZATION.matcher(header) : null;
		if (scheme == null || !scheme.matches()) {
			throw refused(401, "SIGN_ERROR", "Authorization must be WECHATPAY2-SHA256-RSA2048");
		}
		Map<String, String> parts = new HashMap<>();
		Matcher part = AUTHORIZATION_PART.matcher(scheme.group(1));
		while (part.find()) {
			parts.put(part.group(1), part.group(2));
		}
		if (!this.keys.merchantId().equals(parts.get("mchid"))) {
			throw refused(401, "SIGN_ERROR", "Unknown mchid in Authorization");
		}
		if (!this.keys.merchantSerialNumber().equals(parts.get("serial_no"))) {
			throw refused(401, "SIGN_ERROR", "Unknown merchant certificate serial_no");
		}
		long timestamp;
		try {
			timestamp = Long.parseLong(parts.getOrDefault("timestamp", ""));
		}
		catch (NumberFormatException ex) {
			throw refused(401, "SIGN_ERROR", "Malformed timestamp in Authorization");
		}
		if (Duration.between(Instant.ofEpochSecond(timestamp), Instant.now()).abs().compareTo(SIGNATURE_WINDOW) > 0) {
			throw refused(401, "SIGN_ERROR", "Authorization timestamp is outside 5 minutes");
		}
		URI uri = exchange.getRequestURI();
		String url = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		String message = exchange.getRequestMethod() + "\n" + url + "\n" + timestamp + "\n"
				+ parts.getOrDefault("nonce_str", "") + "\n" + body + "\n";
		if (!this.keys.signedByMerchant(message, parts.getOrDefault("signature", ""))) {
			throw refused(401, "SIGN_ERROR", "Signature verification failed");
		}
	}

	private Answer prepay(JsonNode request) {
		String appid = required(request, "appid");
		String mchid = required(request, "mchid");
		String description = required(request, "description");
		String outTradeNo = required(request, "out_trade_no");
		String notifyUrl = required(request, "notify_url");
		String openid = required(request.path("payer"), "openid");
		long total = request.path("amount").path("total").asLong(0);
		if (total <= 0) {
			throw refused(400, "PARAM_ERROR", "amount.total must be a positive number of fen");
		}
		checkMerchant(mchid, appid);
		synchronized (this) {
			Trade trade = this.trades.get(outTradeNo);
			if (trade == null) {
				trade = new Trade(appid, mchid, outTradeNo, description, total, openid, notifyUrl,
						"wx" + PayStubKeys.digits(14) + PayStubKeys.randomText(18));
				this.trades.put(outTradeNo, trade);
			}
			else if (trade.state.equals("SUCCESS")) {
				throw refused(400, "ORDERPAID", "The order has been paid");
			}
			else if (trade.state.equals("CLOSED")) {
				throw refused(400, "ORDER_CLOSED", "The order has been closed");
			}
			else if (trade.total != total || !trade.openid.equals(openid) || !trade.appid.equals(appid)) {
				throw refused(400, "INVALID_REQUEST", "201 商户订单号重复: the same out_trade_no with other parameters");
			}
			return ok(Map.of("prepay_id", trade.prepayId));
		}
	}

	private Answer query(String outTradeNo) {
		synchronized (this) {
			Trade trade = this.trades.get(outTradeNo);
			if (trade == null) {
				throw refused(404, "ORDER_NOT_EXIST", "No such order");
			}
			return ok(trade.asTransaction());
		}
	}

	private Answer close(String outTradeNo, JsonNode request) {
		checkMerchant(required(request, "mchid"), null);
		synchronized (this) {
			Trade trade = this.trades.get(outTradeNo);
			if (trade == null) {
				throw refused(404, "ORDER_NOT_EXIST", "No such order");
			}
			if (trade.state.equals("SUCCESS")) {
				throw refused(400, "ORDERPAID", "The order has been paid");
			}
			trade.state = "CLOSED";
			return new Answer(204, "");
		}
	}

	private Answer refund(JsonNode request) {
		String outRefundNo = required(request, "out_refund_no");
		String outTradeNo = text(request, "out_trade_no");
		String transactionId = text(request, "transaction_id");
		long amount = request.path("amount").path("refund").asLong(0);
		long total = request.path("amount").path("total").asLong(0);
		if (amount <= 0 || total <= 0 || !"CNY".equals(text(request.path("amount"), "currency"))) {
			throw refused(400, "PARAM_ERROR", "amount.refund, amount.total and amount.currency CNY are required");
		}
		Refund refund;
		synchronized (this) {
			Refund earlier = this.refunds.get(outRefundNo);
			if (earlier != null) {
				return ok(earlier.asRefund());
			}
			Trade trade = this.trades.values()
				.stream()
				.filter((t) -> t.outTradeNo.equals(outTradeNo)
						|| (t.transactionId != null && t.transactionId.equals(transactionId)))
				.findFirst()
				.orElseThrow(() -> refused(404, "RESOURCE_NOT_EXISTS", "No such order"));
			if (!trade.state.equals("SUCCESS") && !trade.state.equals("REFUND")) {
				throw refused(400, "INVALID_REQUEST", "The order is not paid");
			}
			if (total != trade.total) {
				throw refused(400, "PARAM_ERROR", "amount.total is not the order's total");
			}
			if (amount > trade.total - trade.refunded) {
				throw refused(400, "NOT_ENOUGH", "The refund exceeds what is left of the payment");
			}
			trade.refunded += amount;
			trade.state = "REFUND";
			refund = new Refund(outRefundNo, "50" + PayStubKeys.digits(30), trade, amount, text(request, "notify_url"));
			this.refunds.put(outRefundNo, refund);
		}
		// refunds the stub accepts succeed a moment later, and are notified like payments
		this.notifier.schedule(() -> succeed(refund), 100, TimeUnit.MILLISECONDS);
		synchronized (this) {
			return ok(refund.asRefund());
		}
	}

	private void succeed(Refund refund) {
		Map<String, Object> resource;
		synchronized (this) {
			refund.status = "SUCCESS";
			refund.successTime = now();
			resource = refund.asNotification(this.keys.merchantId());
		}
		if (refund.notifyUrl != null) {
			deliver(refund.notifyUrl, "REFUND.SUCCESS", "退款成功", "refund", resource, 1);
		}
	}

	private Answer queryRefund(String outRefundNo) {
		synchronized (this) {
			Refund refund = this.refunds.get(outRefundNo);
			if (refund == null) {
				throw refused(404, "RESOURCE_NOT_EXISTS", "No such refund");
			}
			return ok(refund.asRefund());
		}
	}

	/**
	 * {@code POST /stub/pay {"prepayId", "result"?, "notify"?}}: the buyer pays, or fails
	 * to.
	 */
	private Answer stub(String method, String path, String body) {
		if (!path.equals("/stub/pay") || !method.equals("POST")) {
			throw refused(404, "NOT_FOUND", "The stub's own endpoint is POST /stub/pay");
		}
		JsonNode request = read(body);
		String prepayId = required(request, "prepayId");
		boolean fail = "FAIL".equals(text(request, "result"));
		// "notify": false loses the notify, for a test of what settles a payment without
		// it
		boolean notify = !request.path("notify").isBoolean() || request.path("notify").asBoolean();
		Trade trade;
		Map<String, Object> resource = null;
		synchronized (this) {
			trade = this.trades.values()
				.stream()
				.filter((t) -> t.prepayId.equals(prepayId))
				.findFirst()
				.orElseThrow(() -> refused(404, "NOT_FOUND", "No order has this prepayId"));
			if (trade.state.equals("CLOSED")) {
				throw refused(409, "ORDER_CLOSED", "The order has been closed");
			}
			if (fail && !trade.state.equals("SUCCESS")) {
				trade.state = "PAYERROR";
			}
			else if (!fail && !trade.state.equals("SUCCESS") && !trade.state.equals("REFUND")) {
				trade.state = "SUCCESS";
				trade.transactionId = "42" + PayStubKeys.digits(26);
				trade.successTime = now();
				resource = trade.asTransaction();
			}
		}
		if (resource != null && notify) {
			deliver(trade.notifyUrl, "TRANSACTION.SUCCESS", "支付成功", "transaction", resource, 1);
		}
		synchronized (this) {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("outTradeNo", trade.outTradeNo);
			answer.put("transactionId", trade.transactionId);
			answer.put("tradeState", trade.state);
			return new Answer(200, this.json.writeValueAsString(answer));
		}
	}

	/**
	 * Sends a notify as WeChat Pay does: the resource encrypted, the body signed, and
	 * again later until the merchant answers 2xx.
	 */
	private void deliver(String url, String eventType, String summary, String originalType,
			Map<String, Object> resource, int attempt) {
		PayStubKeys.SignedNotify notify = this.keys.notify(eventType, summary, originalType,
				this.json.writeValueAsString(resource), Instant.now());
		String body = notify.body();
		Runnable send = () -> {
			int status;
			try {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
					.timeout(Duration.ofSeconds(5))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body));
				notify.headers().forEach(request::header);
				status = this.http.send(request.build(), BodyHandlers.discarding()).statusCode();
			}
			catch (IOException | IllegalArgumentException ex) {
				status = -1;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			this.requestLog.accept("notify " + eventType + " attempt " + attempt + " -> " + url + " -> "
					+ ((status < 0) ? "unreachable" : status));
			if ((status < 200 || status > 299) && attempt < NOTIFY_ATTEMPTS) {
				deliver(url, eventType, summary, originalType, resource, attempt + 1);
			}
		};
		Duration delay = NOTIFY_BACKOFF.get(Math.min(attempt - 1, NOTIFY_BACKOFF.size() - 1));
		if (!this.notifier.isShutdown()) {
			this.notifier.schedule(send, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void checkMerchant(String mchid, String appid) {
		if (!this.keys.merchantId().equals(mchid)) {
			throw refused(400, "MCH_NOT_EXISTS", "mchid is not the merchant that signed the request");
		}
		if (appid != null && !this.keys.appId().equals(appid)) {
			throw refused(400, "APPID_MCHID_NOT_MATCH", "appid is not bound to this mchid");
		}
	}

	private void send(HttpExchange exchange, Answer answer, boolean signed) throws IOException {
		byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Request-ID", "stub-" + this.sequence.incrementAndGet());
		if (signed) {
			this.keys.signatureHeaders(answer.body, Instant.now())
				.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		}
		if (bytes.length == 0) {
			exchange.sendResponseHeaders(answer.status, -1);
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(answer.status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private Answer ok(Map<String, Object> body) {
		return new Answer(200, this.json.writeValueAsString(body));
	}

	private JsonNode read(String body) {
		try {
			JsonNode node = this.json.readTree(body);
			if (node == null || !node.isObject()) {
				throw refused(400, "PARAM_ERROR", "The body must be a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw refused(400, "PARAM_ERROR", "The body is not JSON");
		}
	}

	private static String required(JsonNode node, String field) {
		String value = text(node, field);
		if (value == null || value.isBlank()) {
			throw refused(400, "PARAM_ERROR", "Missing " + field);
		}
		return value;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.asString() : null;
	}

	private static String decode(String segment) {
		return java.net.URLDecoder.decode(segment, StandardCharsets.UTF_8);
	}

	private static String now() {
		return PayStubKeys.RFC3339.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	private static Refused refused(int status, String code, String message) {
		return new Refused(new Answer(status, "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}"));
	}

	private record Answer(int status, String body) {
	}

	/** An error answer, thrown from deep in a handler. */
	private static final class Refused extends RuntimeException {

		private final transient Answer answer;

		Refused(Answer answer) {
			super(answer.body, null, false, false);
			this.answer = answer;
		}

	}

	/** One JSAPI order; mutable state guarded by the stub. */
	private static final class Trade {

		final String appid;

		final String mchid;

		final String outTradeNo;

		final String description;

		final long total;

		final String openid;

		final String notifyUrl;

		final String prepayId;

		String state = "NOTPAY";

		String transactionId;

		String successTime;

		long refunded;

		Trade(String appid, String mchid, String outTradeNo, String description, long total, String openid,
				String notifyUrl, String prepayId) {
			this.appid = appid;
			this.mchid = mchid;
			this.outTradeNo = outTradeNo;
			this.description = description;
			this.total = total;
			this.openid = openid;
			this.notifyUrl = notifyUrl;
			this.prepayId = prepayId;
		}

		/** The trade as the query answers it and the payment notify carries it. */
		Map<String, Object> asTransaction() {
			Map<String, Object> transaction = new LinkedHashMap<>();
			transaction.put("appid", this.appid);
			transaction.put("mchid", this.mchid);
			transaction.put("out_trade_no", this.outTradeNo);
			if (this.transactionId != null) {
				transaction.put("transaction_id", this.transactionId);
				transaction.put("bank_type", "OTHERS");
				transaction.put("success_time", this.successTime);
			}
			transaction.put("trade_type", "JSAPI");
			transaction.put("trade_state", this.state);
			transaction.put("trade_state_desc", this.state);
			transaction.put("attach", "");
			transaction.put("payer", Map.of("openid", this.openid));
			Map<String, Object> amount = new LinkedHashMap<>();
			amount.put("total", this.total);
			amount.put("currency", "CNY");
			if (this.transactionId != null) {
				amount.put("payer_total", this.total);
				amount.put("payer_currency", "CNY");
			}
			transaction.put("amount", amount);
			return transaction;
		}

	}

	/** One refund; mutable state guarded by the stub. */
	private static final class Refund {

		final String outRefundNo;

		final String refundId;

		final Trade trade;

		final long amount;

		final String notifyUrl;

		final String createTime = now();

		String status = "PROCESSING";

		String successTime;

		Refund(String outRefundNo, String refundId, Trade trade, long amount, String notifyUrl) {
			this.outRefundNo = outRefundNo;
			this.refundId = refundId;
			this.trade = trade;
			this.amount = amount;
			this.notifyUrl = notifyUrl;
		}

		Map<String, Object> asRefund() {
			Map<String, Object> refund = new LinkedHashMap<>();
			refund.put("refund_id", this.refundId);
			refund.put("out_refund_no", this.outRefundNo);
			refund.put("transaction_id", this.trade.transactionId);
			refund.put("out_trade_no", this.trade.outTradeNo);
			refund.put("channel", "ORIGINAL");
			refund.put("user_received_account", "支付用户零钱");
			if (this.successTime != null) {
				refund.put("success_time", this.successTime);
			}
			refund.put("create_time", this.createTime);
			refund.put("status", this.status);
			refund.put("funds_account", "AVAILABLE");
			refund.put("amount", amount());
			return refund;
		}

		Map<String, Object> asNotification(String mchid) {
			Map<String, Object> refund = new LinkedHashMap<>();
			refund.put("mchid", mchid);
			refund.put("out_trade_no", this.trade.outTradeNo);
			refund.put("transaction_id", this.trade.transactionId);
			refund.put("out_refund_no", this.outRefundNo);
			refund.put("refund_id", this.refundId);
			refund.put("refund_status", this.status);
			refund.put("success_time", this.successTime);
			refund.put("user_received_account", "支付用户零钱");
			refund.put("amount", amount());
			return refund;
		}

		private Map<String, Object> amount() {
			Map<String, Object> amount = new LinkedHashMap<>();
			amount.put("total", this.trade.total);
			amount.put("refund", this.amount);
			amount.put("payer_total", this.trade.total);
			amount.put("payer_refund", this.amount);
			amount.put("settlement_refund", this.amount);
			amount.put("settlement_total", this.trade.total);
			amount.put("discount_refund", 0);
			amount.put("currency", "CNY");
			return amount;
		}

	}

}
