package io.minibase.auth.wechat;

import java.net.http.HttpClient;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.auth.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls WeChat's {@code jscode2session}. A busy WeChat (errcode -1) and I/O errors are
 * retried with back-off; a code WeChat rejected never is (retrying cannot make it valid,
 * and a used code stays used). Around the retries, a circuit breaker answers 503 at once
 * while WeChat keeps failing, instead of holding every login for the full timeouts.
 */
@Component
public class WeChatClient {

	private static final Logger log = LoggerFactory.getLogger(WeChatClient.class);

	/** WeChat's rate limit is per minute. */
	private static final Duration RATE_LIMIT_RETRY_AFTER = Duration.ofSeconds(60);

	private final RestClient http;

	private final JsonMapper json;

	private final AuthProperties.WeChat settings;

	private final String appSecret;

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	WeChatClient(AuthProperties properties, JsonMapper json, MeterRegistry meters) {
		this.settings = properties.wechat();
		this.appSecret = this.settings.resolvedAppSecret();
		this.json = json;
		HttpClient client = HttpClient.newBuilder().connectTimeout(this.settings.connectTimeout()).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(this.settings.readTimeout());
		this.http = RestClient.builder().baseUrl(this.settings.baseUrl()).requestFactory(requests).build();
		RetryRegistry retries = RetryRegistry.ofDefaults();
		this.retry = retries.retry("wechat",
				RetryConfig.custom()
					.maxAttempts(this.settings.attempts())
					.intervalFunction(IntervalFunction.ofExponentialBackoff(this.settings.backoff(), 2.0))
					.retryOnException(WeChatClient::isTransient)
					.build());
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		this.circuitBreaker = breakers.circuitBreaker("wechat",
				CircuitBreakerConfig.custom()
					.slidingWindowSize(20)
					.minimumNumberOfCalls(10)
					.failureRateThreshold(50)
					.waitDurationInOpenState(WeChatLoginFailed.Unavailable.RETRY_AFTER)
					// only WeChat's own trouble opens the circuit, never a user's bad
					// code
					.recordException(WeChatClient::isTransient)
					.build());
		// resilience4j_circuitbreaker_state{name="wechat"} and the retry counters on
		// /actuator/prometheus, for the open-breaker alert
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
		TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
	}

	/**
	 * Exchanges a {@code wx.login} code for the user's openid, unionid and session key.
	 * @throws WeChatLoginFailed as api.md maps WeChat's answers
	 */
	public WeChatSession exchange(String code) {
		try {
			return this.circuitBreaker
				.executeSupplier(() -> this.retry.executeSupplier(() -> answerToSession(call(code))));
		}
		catch (CallNotPermittedException ex) {
			log.warn("WeChat circuit open; login refused at once");
			throw new WeChatLoginFailed.Unavailable();
		}
		catch (BusyException | ResourceAccessException | HttpServerErrorException ex) {
			log.warn("WeChat unavailable after {} attempts: {}", this.settings.attempts(),
					ex.getClass().getSimpleName());
			throw new WeChatLoginFailed.Unavailable();
		}
		catch (RestClientException ex) {
			// only the type: the message may quote the request URL, which holds the
			// secret and the code
			log.warn("WeChat call failed: {}", ex.getClass().getSimpleName());
			throw new WeChatLoginFailed.Refused();
		}
	}

	private Answer call(String code) {
		// WeChat answers Content-Type text/plain with a JSON body: read it as a string
		// and
		// parse it ourselves
		String body = this.http.get()
			.uri((uri) -> uri.path("/sns/jscode2session")
				.queryParam("appid", "{appid}")
				.queryParam("secret", "{secret}")
				.queryParam("js_code", "{code}")
				.queryParam("grant_type", "authorization_code")
				.build(this.settings.appId(), this.appSecret, code))
			.retrieve()
			.body(String.class);
		try {
			return this.json.readValue((body != null) ? body : "{}", Answer.class);
		}
		catch (JacksonException ex) {
			// never log the body: it may hold a session key
			log.warn("WeChat answered something that is not JSON");
			throw new WeChatLoginFailed.Refused();
		}
	}

	private static WeChatSession answerToSession(Answer answer) {
		int errcode = (answer.errcode() != null) ? answer.errcode() : 0;
		switch (errcode) {
			case 0 -> {
				if (answer.openid() == null || answer.openid().isBlank() || answer.sessionKey() == null) {
					log.warn("WeChat answered without an openid or session key");
					throw new WeChatLoginFailed.Refused();
				}
				return new WeChatSession(answer.openid(), answer.unionid(), answer.sessionKey());
			}
			case 40029 -> throw new WeChatLoginFailed.CodeRejected("The login code is invalid.");
			case 40163 -> throw new WeChatLoginFailed.CodeRejected("The login code was already used.");
			case 45011 -> throw new WeChatLoginFailed.RateLimited(RATE_LIMIT_RETRY_AFTER);
			case -1 -> throw new BusyException();
			default -> {
				log.warn("WeChat refused the login with errcode {}", errcode);
				throw new WeChatLoginFailed.Refused();
			}
		}
	}

	private static boolean isTransient(Throwable ex) {
		return ex instanceof BusyException || ex instanceof ResourceAccessException
				|| ex instanceof HttpServerErrorException;
	}

	/** WeChat's answer: a session, or an errcode. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Answer(String openid, String unionid, @JsonProperty("session_key") String sessionKey, Integer errcode,
			String errmsg) {

		@Override
		public String toString() {
			return "Answer[errcode=" + this.errcode + "]";
		}

	}

	/** errcode -1: WeChat is busy, worth another try. */
	static final class BusyException extends RuntimeException {

		BusyException() {
			super("WeChat busy (errcode -1)", null, false, false);
		}

	}

}
