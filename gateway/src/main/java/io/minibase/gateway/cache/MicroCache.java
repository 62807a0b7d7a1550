package io.minibase.gateway.cache;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Public answers kept for about a second, so a crowd reading the same product page (a
 * promotion's moment) costs the service one read per second instead of one per request.
 * Only what the service itself marks shareable is kept ({@code Cache-Control: public}
 * with a max-age of at least the ttl, no {@code Set-Cookie}, no {@code Vary}), and only
 * 200s; every request still passes the gateway's security and rate limits first.
 * <p>
 * A write through this gateway to what is cached ({@code /api/admin/catalog/**}) empties
 * the cache before its answer leaves, so the admin and anyone after see the write.
 * Another gateway instance serves what it holds for at most the ttl: that is the
 * propagation bound across instances (catalog-service's README).
 */
@Component
@EnableConfigurationProperties(MicroCacheProperties.class)
public class MicroCache {

	/** The response headers kept with a body; the rest are the exchange's own. */
	static final List<String> KEPT_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
			HttpHeaders.CACHE_CONTROL, HttpHeaders.LAST_MODIFIED, HttpHeaders.CONTENT_LANGUAGE);

	private final Cache<String, Stored> answers;

	private final MicroCacheProperties properties;

	private final Counter hits;

	private final Counter misses;

	private final Counter stored;

	MicroCache(MicroCacheProperties properties, MeterRegistry meters) {
		this.properties = properties;
		this.answers = Caffeine.newBuilder()
			.expireAfterWrite(properties.ttl())
			.maximumWeight(properties.maxSize().toBytes())
			.<String, Stored>weigher((key, answer) -> key.length() + answer.body().length + 256)
			.build();
		this.hits = counter(meters, "hit");
		this.misses = counter(meters, "miss");
		this.stored = counter(meters, "stored");
	}

	private static Counter counter(MeterRegistry meters, String result) {
		return Counter.builder("minibase.gateway.micro.cache")
			.description("Public reads answered from the gateway's micro-cache (hit) or forwarded (miss), "
					+ "and forwarded answers kept (stored)")
			.tag("result", result)
			.register(meters);
	}

	/** The largest answer kept, in bytes. */
	long maxEntryBytes() {
		return this.properties.maxEntrySize().toBytes();
	}

	/** The stored answer for this key, or {@code null}. */
	Stored lookup(String key) {
		Stored answer = this.answers.getIfPresent(key);
		(answer != null ? this.hits : this.misses).increment();
		return answer;
	}

	/** Keeps a 200 answer if its headers say it may be shared for at least the ttl. */
	boolean storeIfShareable(String key, HttpHeaders headers, byte[] body) {
		if (body.length > this.properties.maxEntrySize().toBytes() || !shareable(headers, this.properties.ttl())) {
			return false;
		}
		HttpHeaders kept = new HttpHeaders();
		for (String name : KEPT_HEADERS) {
			List<String> values = headers.get(name);
			if (values != null) {
				kept.put(name, List.copyOf(values));
			}
		}
		this.answers.put(key, new Stored(body, HttpHeaders.readOnlyHttpHeaders(kept), System.nanoTime()));
		this.stored.increment();
		return true;
	}

	/** Forgets every stored answer (a write to what they show went through). */
	public void invalidateAll() {
		this.answers.invalidateAll();
	}

	/**
	 * RFC 9111 for a shared cache, strictly: {@code public} said, a max-age of at least
	 * the ttl, nothing that forbids keeping it, nothing per client.
	 */
	static boolean shareable(HttpHeaders headers, Duration ttl) {
		if (headers.containsHeader(HttpHeaders.SET_COOKIE) || headers.containsHeader(HttpHeaders.VARY)
				|| headers.containsHeader(HttpHeaders.CONTENT_ENCODING)) {
			return false;
		}
		boolean shared = false;
		long maxAge = -1;
		for (String value : headers.getValuesAsList(HttpHeaders.CACHE_CONTROL)) {
			String directive = value.trim().toLowerCase(Locale.ROOT);
			if (directive.equals("public")) {
				shared = true;
			}
			else if (directive.startsWith("max-age=") || directive.startsWith("s-maxage=")) {
				try {
					long seconds = Long.parseLong(directive.substring(directive.indexOf('=') + 1).trim());
					maxAge = (maxAge < 0 || directive.startsWith("s-maxage=")) ? seconds : maxAge;
				}
				catch (NumberFormatException ex) {
					return false;
				}
			}
			else if (directive.equals("private") || directive.startsWith("private=") || directive.equals("no-store")
					|| directive.equals("no-cache") || directive.startsWith("no-cache=")) {
				return false;
			}
		}
		return shared && maxAge >= ttl.toSeconds() && maxAge > 0;
	}

	/** A kept answer: its body, its own headers, when it was stored. */
	record Stored(byte[] body, HttpHeaders headers, long storedAtNanos) {

		/** Seconds since it was stored, for the {@code Age} header. */
		long ageSeconds() {
			return Duration.ofNanos(System.nanoTime() - this.storedAtNanos).toSeconds();
		}

	}

}
