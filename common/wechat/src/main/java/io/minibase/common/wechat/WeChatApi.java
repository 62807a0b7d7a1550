package io.minibase.common.wechat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The one client of WeChat's server API for every service: each call carries the access
 * token that {@link AccessTokens} holds for all instances, renewed once and the call made
 * again when WeChat says it is invalid or expired (40001, 42001, 40014).
 *
 * <p>
 * A busy WeChat (errcode -1) and a connection that could not be made are tried again with
 * back-off: WeChat asks for that, and a request that never left cannot have been applied.
 * Nothing else is (a read timeout may be a message already sent). Around the attempts, a
 * circuit breaker answers {@link WeChatUnavailable} at once while WeChat keeps failing.
 * Every attempt is timed in {@code wechat.api.calls} with its {@code api} and
 * {@code errcode} ({@code 0} for success, {@code io}, {@code http_5xx},
 * {@code circuit_open}).
 */
public class WeChatApi {

	private static final Logger log = LoggerFactory.getLogger(WeChatApi.class);

	/** access_token invalid (40001, 40014) or expired (42001). */
	private static final Set<Integer> TOKEN_REFUSED = Set.of(40001, 40014, 42001);

	static final String METRIC = "wechat.api.calls";

	private final RestClient http;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	private final AccessTokens tokens;

	public WeChatApi(WeChatProperties settings, StringRedisTemplate redis, JsonMapper json, MeterRegistry meters) {
		this.json = json;
		this.meters = meters;
		HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(settings.readTimeout());
		this.http = RestClient.builder().baseUrl(settings.baseUrl()).requestFactory(requests).build();
		RetryRegistry retries = RetryRegistry.ofDefaults();
		this.retry = retries.retry("wechat-api",
				RetryConfig.custom()
					.maxAttempts(settings.attempts())
					.intervalFunction(IntervalFunction.ofExponentialBackoff(settings.backoff(), 2.0))
					.retryOnException(WeChatApi::isSafeToRepeat)
					.build());
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		this.circuitBreaker = breakers.circuitBreaker("wechat-api",
				CircuitBreakerConfig.custom()
					.slidingWindowSize(20)
					.minimumNumberOfCalls(10)
					.failureRateThreshold(50)
					.waitDurationInOpenState(WeChatUnavailable.RETRY_AFTER)
					// only WeChat's own trouble opens it, never an invalid code or a
					// user who did not subscribe
					.recordException(WeChatApi::isWeChatTrouble)
					.build());
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
		this.tokens = new AccessTokens(settings, redis, json, this);
	}

	/**
	 * Calls an access_token API with a JSON body and returns WeChat's JSON answer.
	 * @param api the API's name, for metrics and logs ({@code msg_sec_check})
	 * @param path its path ({@code /wxa/msg_sec_check})
	 * @param body what Jackson writes as the JSON body
	 * @throws WeChatError when WeChat answers an errcode other than 0
	 * @throws WeChatUnavailable when WeChat could not be asked
	 */
	public JsonNode post(String api, String path, Object body) {
		return withToken(api, path, body, false).json();
	}

	/**
	 * Calls an access_token API that answers bytes (an image) on success and JSON with an
	 * errcode on failure, as {@code getwxacodeunlimit} does.
	 */
	public Binary postForBinary(String api, String path, Object body) {
		Answer answer = withToken(api, path, body, true);
		return new Binary(answer.bytes(), answer.contentType());
	}

	/** The token every call uses; for the tests of the shared token. */
	AccessTokens tokens() {
		return this.tokens;
	}

	private Answer withToken(String api, String path, Object body, boolean binary) {
		String token = this.tokens.current();
		try {
			return exchange(api, path, token, body, binary);
		}
		catch (WeChatError ex) {
			if (!TOKEN_REFUSED.contains(ex.errcode())) {
				throw ex;
			}
			log.info("WeChat refused the access token on {} (errcode {}); renewing it and calling once more", api,
					ex.errcode());
			return exchange(api, path, this.tokens.renew(token), body, binary);
		}
	}

	/** One call, tried again where that is safe, inside the circuit breaker. */
	Answer exchange(String api, String path, String token, Object body, boolean binary) {
		try {
			return this.circuitBreaker
				.executeSupplier(() -> this.retry.executeSupplier(() -> once(api, path, token, body, binary)));
		}
		catch (CallNotPermittedException ex) {
			record(api, "circuit_open", 0);
			throw new WeChatUnavailable(api);
		}
		catch (Busy | ServerTrouble | ResourceAccessException ex) {
			log.warn("WeChat unavailable for {}: {}", api, describe(ex));
			throw new WeChatUnavailable(api);
		}
	}

	private Answer once(String api, String path, String token, Object body, boolean binary) {
		long started = System.nanoTime();
		String outcome = "io";
		try {
			Answer answer = this.http.post().uri((uri) -> {
				uri.path(path);
				if (token != null) {
					uri.queryParam("access_token", "{token}");
					return uri.build(token);
				}
				return uri.build();
			})
				.contentType(MediaType.APPLICATION_JSON)
				.body(this.json.writeValueAsBytes(body))
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					byte[] bytes = response.getBody().readAllBytes();
					MediaType type = response.getHeaders().getContentType();
					return new Answer(status, bytes, (type != null) ? type.toString() : null, null);
				}, true);
			if (answer.status() >= 500) {
				outcome = "http_" + answer.status();
				throw new ServerTrouble(answer.status());
			}
			if (binary && answer.contentType() != null && answer.contentType().startsWith("image/")) {
				outcome = "0";
				return answer;
			}
			JsonNode node = parse(api, answer.bytes());
			int errcode = node.path("errcode").asInt(0);
			outcome = String.valueOf(errcode);
			if (errcode == -1) {
				throw new Busy();
			}
			if (errcode != 0) {
				throw new WeChatError(api, errcode, node.path("errmsg").asString(""));
			}
			if (answer.status() >= 400) {
				outcome = "http_" + answer.status();
				throw new WeChatError(api, answer.status(), "HTTP " + answer.status());
			}
			return new Answer(answer.status(), answer.bytes(), answer.contentType(), node);
		}
		finally {
			record(api, outcome, System.nanoTime() - started);
		}
	}

	private JsonNode parse(String api, byte[] bytes) {
		try {
			JsonNode node = this.json.readTree(bytes);
			if (node == null || !node.isObject()) {
				throw new WeChatError(api, 0, "not a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			// never the body in the log: it may hold a phone number or a token
			throw new WeChatError(api, 0, "answered something that is not JSON");
		}
	}

	private void record(String api, String errcode, long nanos) {
		Timer.builder(METRIC)
			.description("Calls of WeChat's server API, by API and errcode")
			.tag("api", api)
			.tag("errcode", errcode)
			.register(this.meters)
			.record(Duration.ofNanos(nanos));
	}

	/**
	 * Busy, or no connection made: WeChat did not do anything with the request, so it can
	 * be sent again.
	 */
	private static boolean isSafeToRepeat(Throwable ex) {
		if (ex instanceof Busy) {
			return true;
		}
		if (ex instanceof ResourceAccessException) {
			for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean isWeChatTrouble(Throwable ex) {
		return ex instanceof Busy || ex instanceof ServerTrouble || ex instanceof ResourceAccessException;
	}

	private static String describe(Throwable ex) {
		// only types: a message may quote the URL, which carries the access token
		Throwable cause = ex.getCause();
		return ex.getClass().getSimpleName()
				+ ((cause != null && !(cause instanceof IOException && cause.getMessage() == null))
						? " (" + cause.getClass().getSimpleName() + ")" : "");
	}

	/** What WeChat answered: the JSON when it was JSON. */
	record Answer(int status, byte[] bytes, String contentType, JsonNode json) {
	}

	/** An answer that is not JSON: the bytes and their type, e.g. a PNG. */
	public record Binary(byte[] bytes, String contentType) {
	}

	/** errcode -1: WeChat is busy, worth another try. */
	static final class Busy extends RuntimeException {

		Busy() {
			super("WeChat busy (errcode -1)", null, false, false);
		}

	}

	/** An HTTP 5xx from WeChat's front: not retried, but WeChat's trouble. */
	static final class ServerTrouble extends RuntimeException {

		ServerTrouble(int status) {
			super("WeChat answered HTTP " + status, null, false, false);
		}

	}

}
