package io.minibase.common.wechat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minibase.wechatstub.WeChatStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The access token is held once in Redis for every instance, renewed by one of them,
 * ahead of its expiry or when WeChat refuses it, and never fetched per request: against
 * the WeChat stub and a real Redis.
 */
class SharedAccessTokenIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final StringRedisTemplate redis = TestRedis.template();

	private final WeChatStub stub = WeChatStub.start(0, (line) -> {
	});

	/** An app id of its own per test, so its Redis keys are its own. */
	private final String appId = "wx-it-" + UUID.randomUUID().toString().substring(0, 8);

	@AfterEach
	void stop() {
		this.stub.close();
		this.redis.delete(List.of(AccessTokens.key(this.appId), AccessTokens.key(this.appId) + ":lock"));
	}

	@Test
	void twoInstancesCallingAtOnceShareOneTokenFetchedOnce() throws Exception {
		WeChatApi first = instance(Duration.ofMinutes(3));
		WeChatApi second = instance(Duration.ofMinutes(3));
		ExecutorService callers = Executors.newFixedThreadPool(16);
		try {
			List<Callable<JsonNode>> calls = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				WeChatApi api = (i % 2 == 0) ? first : second;
				calls.add(() -> checkText(api, "hello " + Thread.currentThread().getName()));
			}
			for (Future<JsonNode> call : callers.invokeAll(calls)) {
				assertThat(call.get().path("result").path("suggest").asString()).isEqualTo("pass");
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(this.stub.tokenCalls()).isEqualTo(1);
	}

	@Test
	void theTokenIsKeptInTheDocumentedKeyAsJsonExpiringWithTheToken() {
		checkText(instance(Duration.ofMinutes(3)), "hello");

		String key = "wechat:access-token:" + this.appId;
		JsonNode stored = json.readTree(this.redis.opsForValue().get(key));
		assertThat(stored.propertyNames()).containsExactlyInAnyOrder("token", "expiresAt");
		assertThat(stored.get("token").asString()).startsWith("stub-token-");
		assertThat(Instant.parse(stored.get("expiresAt").asString()))
			.isBetween(Instant.now().plus(Duration.ofMinutes(119)), Instant.now().plus(Duration.ofMinutes(121)));
		assertThat(this.redis.getExpire(key)).isBetween(7100L, 7200L);
		assertThat(this.redis.hasKey(key + ":lock")).as("the lock is released after the renewal").isFalse();
	}

	@Test
	void aTokenAnotherInstanceWroteInTheDocumentedFormatIsUsedWithoutAskingWeChat() {
		WeChatApi writer = instance(Duration.ofMinutes(3));
		checkText(writer, "hello");
		String written = this.redis.opsForValue().get(AccessTokens.key(this.appId));
		this.redis.delete(AccessTokens.key(this.appId));
		// what any holder writes, by hand: the reader needs nothing else
		this.redis.opsForValue().set(AccessTokens.key(this.appId), written, Duration.ofMinutes(100));

		checkText(instance(Duration.ofMinutes(3)), "hello");

		assertThat(this.stub.tokenCalls()).isEqualTo(1);
	}

	@Test
	void anExpiredTokenIsRenewedOnceAndTheCallMadeAgain() {
		WeChatApi first = instance(Duration.ofMinutes(3));
		WeChatApi second = instance(Duration.ofMinutes(3));
		checkText(first, "hello");
		String before = token();
		this.stub.expireAccessTokens();

		assertThat(checkText(second, "hello again").path("result").path("suggest").asString()).isEqualTo("pass");
		assertThat(checkText(first, "and again").path("errcode").asInt()).isZero();

		assertThat(token()).isNotEqualTo(before);
		assertThat(this.stub.tokenCalls()).as("renewed once for both instances").isEqualTo(2);
	}

	@Test
	void anInvalidatedTokenIsRenewedToo() {
		WeChatApi api = instance(Duration.ofMinutes(3));
		checkText(api, "hello");
		this.stub.invalidateAccessTokens();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		WeChatApi observed = instance(Duration.ofMinutes(3), meters);

		assertThat(checkText(observed, "hello").path("errcode").asInt()).isZero();
		assertThat(meters.find(WeChatApi.METRIC).tag("api", "msg_sec_check").tag("errcode", "40001").timer())
			.isNotNull()
			.satisfies((timer) -> assertThat(timer.count()).isEqualTo(1));
		assertThat(meters.find(WeChatApi.METRIC).tag("api", "msg_sec_check").tag("errcode", "0").timer().count())
			.isEqualTo(1);
	}

	@Test
	void aTokenNearItsExpiryIsRenewedAheadWhileTheOldOneStillWorks() {
		this.stub.tokenLifetime(Duration.ofSeconds(8));
		WeChatApi api = instance(Duration.ofSeconds(3));
		checkText(api, "hello");
		String first = token();

		// within 3 s of its expiry (and in the stub's last 4 s, when stable_token hands
		// out a new one)
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			checkText(api, "hello");
			assertThat(token()).isNotEqualTo(first);
		});
		assertThat(this.stub.tokenCalls()).isEqualTo(2);
	}

	@Test
	void whileAnotherInstanceRenewsTheCurrentTokenKeepsWorking() {
		this.stub.tokenLifetime(Duration.ofSeconds(30));
		WeChatApi api = instance(Duration.ofSeconds(29));
		checkText(api, "hello");
		// another instance holds the lock: this one must not wait for it
		this.redis.opsForValue().set(AccessTokens.key(this.appId) + ":lock", "another", Duration.ofSeconds(10));

		long started = System.nanoTime();
		checkText(api, "hello");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		assertThat(this.stub.tokenCalls()).isEqualTo(1);
	}

	@Test
	void withNoTokenAndAnotherInstanceRenewingForeverTheCallIsUnavailableQuickly() {
		this.redis.opsForValue().set(AccessTokens.key(this.appId) + ":lock", "stuck", Duration.ofSeconds(10));
		WeChatApi api = instance(Duration.ofMinutes(3));

		long started = System.nanoTime();
		assertThatThrownBy(() -> checkText(api, "hello")).isInstanceOf(WeChatUnavailable.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(this.stub.tokenCalls()).isZero();
	}

	@Test
	void aRenewalThatDiedLeavesItsLockToExpireAndTheNextInstanceRenews() {
		this.redis.opsForValue().set(AccessTokens.key(this.appId) + ":lock", "died", Duration.ofMillis(300));
		WeChatApi api = instance(Duration.ofMinutes(3));

		assertThat(checkText(api, "hello").path("errcode").asInt()).isZero();
		assertThat(this.stub.tokenCalls()).isEqualTo(1);
	}

	private String token() {
		return json.readTree(this.redis.opsForValue().get(AccessTokens.key(this.appId))).get("token").asString();
	}

	private static JsonNode checkText(WeChatApi api, String text) {
		return api.post("msg_sec_check", "/wxa/msg_sec_check",
				Map.of("content", text, "version", 2, "scene", 1, "openid", "mock-openid-alice"));
	}

	private WeChatApi instance(Duration refreshAhead) {
		return instance(refreshAhead, new SimpleMeterRegistry());
	}

	private WeChatApi instance(Duration refreshAhead, SimpleMeterRegistry meters) {
		WeChatProperties settings = new WeChatProperties(this.stub.baseUrl(), this.appId, "", "", Duration.ofSeconds(2),
				Duration.ofSeconds(3), 3, Duration.ofMillis(10),
				new WeChatProperties.Token(refreshAhead, Duration.ofSeconds(10), Duration.ofMillis(800)));
		return new WeChatApi(settings, this.redis, json, meters);
	}

}
