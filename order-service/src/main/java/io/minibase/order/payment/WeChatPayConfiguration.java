package io.minibase.order.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HostName;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.refund.RefundService;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.order.config.OrderProperties;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The official WeChat Pay SDK, set up from {@code order.payment.wechat}: the merchant's
 * key signs requests and {@code wx.requestPayment}, the WeChat Pay public key verifies
 * answers and notifies, the APIv3 key decrypts notifies (ADR 10).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "order.payment.provider", havingValue = WeChatPayProvider.NAME)
class WeChatPayConfiguration {

	/** The response headers the SDK reads, by their lower-case names. */
	private static final Map<String, String> CANONICAL_NAMES = Stream
		.of("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Serial", "Wechatpay-Signature",
				"Wechatpay-Signature-Type", "Request-ID", "Content-Type")
		.collect(Collectors.toMap((name) -> name.toLowerCase(Locale.ROOT), Function.identity()));

	@Bean
	RSAPublicKeyConfig weChatPayConfig(OrderProperties properties) {
		OrderProperties.WeChatPay settings = properties.payment().wechat();
		List<String> missing = settings.missing();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("order.payment.provider is wechat-pay, but " + String.join(", ", missing)
					+ " " + ((missing.size() == 1) ? "is" : "are") + " not set (order-service/README.md, Going live)");
		}
		return new RSAPublicKeyConfig.Builder().merchantId(settings.merchantId())
			.merchantSerialNumber(settings.merchantSerialNumber())
			.privateKeyFromPath(settings.privateKeyFile())
			.publicKeyId(settings.publicKeyId())
			.publicKeyFromPath(settings.publicKeyFile())
			.apiV3Key(apiV3Key(settings.apiV3KeyFile()))
			.build();
	}

	/**
	 * The SDK's HTTP client: signs requests, verifies answers, goes to the stub if told.
	 */
	@Bean
	HttpClient weChatPayHttpClient(RSAPublicKeyConfig config, OrderProperties properties) {
		OrderProperties.WeChatPay settings = properties.payment().wechat();
		OkHttpClient.Builder http = new OkHttpClient.Builder()
			.connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
		http.addInterceptor(canonicalHeaderNames());
		HttpUrl base = HttpUrl.get(settings.apiBaseUrl().toString());
		if (!base.host().equals(HostName.API.getValue())) {
			http.addInterceptor(towards(base));
		}
		return new DefaultHttpClientBuilder().config(config).okHttpClient(http.build()).build();
	}

	@Bean
	JsapiServiceExtension weChatPayJsapi(RSAPublicKeyConfig config, HttpClient weChatPayHttpClient) {
		return new JsapiServiceExtension.Builder().config(config).httpClient(weChatPayHttpClient).build();
	}

	@Bean
	RefundService weChatPayRefunds(RSAPublicKeyConfig config, HttpClient weChatPayHttpClient) {
		return new RefundService.Builder().config(config).httpClient(weChatPayHttpClient).build();
	}

	@Bean
	NotificationParser weChatPayNotificationParser(RSAPublicKeyConfig config) {
		return new NotificationParser(config);
	}

	@Bean
	CircuitBreaker weChatPayCircuitBreaker(MeterRegistry meters) {
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		CircuitBreaker breaker = breakers.circuitBreaker("wechat-pay",
				CircuitBreakerConfig.custom()
					.slidingWindowSize(20)
					.minimumNumberOfCalls(5)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofSeconds(10))
					// WeChat Pay's trouble only, never its refusal of one order
					.recordException(WeChatPayProvider::isOutage)
					.build());
		// resilience4j_circuitbreaker_state{name="wechat-pay"} for the open-breaker alert
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
		return breaker;
	}

	/**
	 * The SDK writes {@code https://api.mch.weixin.qq.com} into every request and only
	 * offers its own hosts instead; this sends its requests to {@code base} (the stub).
	 * The signatures cover the path and query only, so they stay valid.
	 */
	static Interceptor towards(HttpUrl base) {
		return (chain) -> {
			HttpUrl url = chain.request()
				.url()
				.newBuilder()
				.scheme(base.scheme())
				.host(base.host())
				.port(base.port())
				.build();
			return chain.proceed(chain.request().newBuilder().url(url).build());
		};
	}

	/**
	 * Header names are case-insensitive (RFC 9110), but the SDK looks WeChat Pay's up in
	 * a case-sensitive map: an answer whose names a proxy, an HTTP/2 hop or the server
	 * normalised ({@code Wechatpay-timestamp}: the JDK's HTTP server, which the stub runs
	 * on, does) would fail verification. This restores the names the SDK asks for.
	 */
	static Interceptor canonicalHeaderNames() {
		return (chain) -> {
			Response response = chain.proceed(chain.request());
			Headers.Builder headers = new Headers.Builder();
			for (int i = 0; i < response.headers().size(); i++) {
				String name = response.headers().name(i);
				headers.add(CANONICAL_NAMES.getOrDefault(name.toLowerCase(Locale.ROOT), name),
						response.headers().value(i));
			}
			return response.newBuilder().headers(headers.build()).build();
		};
	}

	private static String apiV3Key(String file) {
		try {
			String key = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
			if (key.length() != 32) {
				throw new IllegalStateException("WECHATPAY_API_V3_KEY_FILE must hold the 32-character APIv3 key");
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read WECHATPAY_API_V3_KEY_FILE", ex);
		}
	}

}
