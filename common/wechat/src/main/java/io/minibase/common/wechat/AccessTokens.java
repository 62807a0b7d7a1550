package io.minibase.common.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The mini-program's access token, held once in Redis for every instance of every service
 * (docs/events.md, "State shared outside Kafka"; ADR 11).
 *
 * <ul>
 * <li>{@code wechat:access-token:<appId>}: {@code {"token": "...", "expiresAt": "<RFC
 * 3339>"}}, expiring in Redis with the token. Every call reads it; nobody asks WeChat for
 * a token per request.</li>
 * <li>{@code wechat:access-token:<appId>:lock}: a random owner id, held with an expiry
 * ({@code lockTtl}) by the one instance that renews the token. The others go on with the
 * current token, or, when there is none they can use, wait for the renewal.</li>
 * </ul>
 *
 * Tokens come from {@code /cgi-bin/stable_token}, whose normal mode hands every caller
 * the same token and, in the last five minutes of its life, a new one while the old one
 * still works: so renewing {@code refreshAhead} (3 min) before the expiry never breaks a
 * call in flight. When WeChat refuses a token anyway (40001/42001), {@link #renew} asks
 * in normal mode first and forces a new token ({@code force_refresh}, limited by WeChat
 * per day) only when normal mode hands back the refused one.
 */
final class AccessTokens {

	private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

	static final String API = "stable_token";

	/** A token this close to its expiry is not handed out any more. */
	private static final Duration LAST_USE = Duration.ofSeconds(5);

	private static final Duration POLL = Duration.ofMillis(50);

	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private final WeChatProperties settings;

	private final String appSecret;

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final WeChatApi api;

	private final String key;

	private final String lockKey;

	private final Clock clock;

	AccessTokens(WeChatProperties settings, StringRedisTemplate redis, JsonMapper json, WeChatApi api) {
		this(settings, redis, json, api, Clock.systemUTC());
	}

	AccessTokens(WeChatProperties settings, StringRedisTemplate redis, JsonMapper json, WeChatApi api, Clock clock) {
		this.settings = settings;
		this.appSecret = settings.resolvedAppSecret();
		this.redis = redis;
		this.json = json;
		this.api = api;
		this.clock = clock;
		this.key = key(settings.appId());
		this.lockKey = this.key + ":lock";
	}

	/** The Redis key of an app's token; the lock is this key with {@code :lock}. */
	static String key(String appId) {
		return "wechat:access-token:" + appId;
	}

	/**
	 * A token to call with: the shared one, renewed first by this instance when it is due
	 * and no other instance is renewing it.
	 */
	String current() {
		Held held = read();
		Instant now = this.clock.instant();
		if (held != null && held.expiresAt().isAfter(now.plus(this.settings.token().refreshAhead()))) {
			return held.token();
		}
		if (held != null && held.usableAt(now)) {
			// due: one instance renews, the others (and this one, if renewing fails) go
			// on with the token that still works
			try {
				String renewed = renewIfLocked(held.token(), false);
				return (renewed != null) ? renewed : held.token();
			}
			catch (WeChatError | WeChatUnavailable ex) {
				log.warn("Could not renew the WeChat access token ahead of its expiry; using the current one: {}",
						ex.getMessage());
				return held.token();
			}
		}
		return awaitToken(null);
	}

	/**
	 * A token other than the one WeChat just refused: another instance's renewal, or a
	 * new one.
	 */
	String renew(String refused) {
		Held held = read();
		if (held != null && !held.token().equals(refused) && held.usableAt(this.clock.instant())) {
			return held.token();
		}
		return awaitToken(refused);
	}

	/**
	 * Renews (or waits for another instance to renew) until there is a usable token other
	 * than {@code refused}.
	 */
	private String awaitToken(String refused) {
		Instant deadline = this.clock.instant().plus(this.settings.token().awaitRenewal());
		while (true) {
			String renewed = renewIfLocked(refused, refused != null);
			if (renewed != null) {
				return renewed;
			}
			Held held = read();
			if (held != null && !held.token().equals(refused) && held.usableAt(this.clock.instant())) {
				return held.token();
			}
			if (this.clock.instant().isAfter(deadline)) {
				log.warn("No WeChat access token after waiting {} for another instance to renew it",
						this.settings.token().awaitRenewal());
				throw new WeChatUnavailable(API);
			}
			sleep();
		}
	}

	/**
	 * Renews the token when this instance gets the lock.
	 * @param stale the token that is due or was refused; null when there is none
	 * @param refused whether WeChat refused {@code stale} (force a new one if normal mode
	 * hands it back)
	 * @return the new token, or null when another instance holds the lock
	 */
	private String renewIfLocked(String stale, boolean refused) {
		String owner = UUID.randomUUID().toString();
		Boolean locked = this.redis.opsForValue().setIfAbsent(this.lockKey, owner, this.settings.token().lockTtl());
		if (!Boolean.TRUE.equals(locked)) {
			return null;
		}
		try {
			// another instance may have renewed it between our read and our lock
			Held held = read();
			Instant now = this.clock.instant();
			if (held != null && !held.token().equals(stale) && held.usableAt(now)) {
				return held.token();
			}
			Held fresh = fetch(false);
			if (refused && fresh.token().equals(stale)) {
				log.warn("stable_token handed back the token WeChat refused; forcing a new one");
				fresh = fetch(true);
			}
			write(fresh);
			return fresh.token();
		}
		finally {
			this.redis.execute(RELEASE, List.of(this.lockKey), owner);
		}
	}

	private Held fetch(boolean force) {
		Map<String, Object> body = Map.of("grant_type", "client_credential", "appid", this.settings.appId(), "secret",
				this.appSecret, "force_refresh", force);
		JsonNode answer = this.api.exchange(API, "/cgi-bin/stable_token", null, body, false).json();
		String token = answer.path("access_token").asString("");
		long expiresIn = answer.path("expires_in").asLong(0);
		if (token.isBlank() || expiresIn <= 0) {
			throw new WeChatError(API, 0, "answered without access_token or expires_in");
		}
		return new Held(token, this.clock.instant().plusSeconds(expiresIn));
	}

	private void write(Held held) {
		Duration ttl = Duration.between(this.clock.instant(), held.expiresAt());
		if (ttl.isNegative() || ttl.isZero()) {
			return;
		}
		this.redis.opsForValue().set(this.key, this.json.writeValueAsString(held.stored()), ttl);
	}

	private Held read() {
		String value = this.redis.opsForValue().get(this.key);
		if (value == null) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(value);
			return new Held(node.path("token").asString(""), Instant.parse(node.path("expiresAt").asString("")));
		}
		catch (JacksonException | java.time.format.DateTimeParseException ex) {
			log.warn("Ignoring an unreadable WeChat access token in Redis key {}", this.key);
			return null;
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WeChatUnavailable(API);
		}
	}

	/** A token and when it expires. */
	record Held(String token, Instant expiresAt) {

		boolean usableAt(Instant now) {
			return !this.token.isBlank() && this.expiresAt.isAfter(now.plus(LAST_USE));
		}

		Map<String, String> stored() {
			return Map.of("token", this.token, "expiresAt", this.expiresAt.toString());
		}

		@Override
		public String toString() {
			return "Held[expiresAt=" + this.expiresAt + "]";
		}

	}

}
