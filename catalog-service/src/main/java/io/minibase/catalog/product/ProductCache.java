package io.minibase.catalog.product;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.catalog.config.CatalogProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Cache-aside in Redis in front of {@link ProductMapper#findById}.
 * <ul>
 * <li>Entries live {@code ttl} plus a random part of {@code jitter}, so entries written
 * together do not expire together.</li>
 * <li>An unknown id is cached as an absent marker for {@code absent-ttl}, so random ids
 * reach MySQL once, not on every request.</li>
 * <li>Concurrent misses of one id in this instance share one load (single flight); other
 * instances may each load once. The loader looks at Redis again before MySQL, so a caller
 * that missed just before another load finished does not query MySQL again.</li>
 * <li>MySQL loads go through a bulkhead (a semaphore): when Redis is down every read is a
 * load, and the bulkhead keeps them from taking every connection; a caller that gets no
 * slot in time is answered 503.</li>
 * <li>A Redis failure makes reads skip Redis for {@code redis-retry-after}, then try it
 * again, so a dead Redis costs little and a returning one is used without a restart.</li>
 * </ul>
 * Writers call {@link #evict} after their commit (see ProductService for the staleness
 * bound).
 */
@Component
class ProductCache {

	private static final Logger log = LoggerFactory.getLogger(ProductCache.class);

	private static final String ABSENT = "-";

	private final StringRedisTemplate redis;

	private final ProductMapper products;

	private final JsonMapper json;

	private final CatalogProperties.Cache settings;

	private final ProductLoads loads;

	private final ConcurrentMap<Long, CompletableFuture<Optional<Product>>> inFlight = new ConcurrentHashMap<>();

	private final AtomicLong redisSkippedUntil = new AtomicLong();

	private final Counter hits;

	private final Counter misses;

	private final Counter absents;

	private final Counter errors;

	ProductCache(StringRedisTemplate redis, ProductMapper products, JsonMapper json, CatalogProperties properties,
			MeterRegistry meters) {
		this.redis = redis;
		this.products = products;
		this.json = json;
		this.settings = properties.cache();
		this.loads = new ProductLoads(this.settings.maxConcurrentLoads(), this.settings.bulkheadWait());
		this.hits = counter(meters, "hit");
		this.misses = counter(meters, "miss");
		this.absents = counter(meters, "absent");
		this.errors = counter(meters, "error");
	}

	private static Counter counter(MeterRegistry meters, String result) {
		return Counter.builder("catalog.cache")
			.description("Product cache lookups by result; hit ratio = hit / (hit + miss + absent)")
			.tag("cache", "product")
			.tag("result", result)
			.register(meters);
	}

	/** The product, from Redis when cached, else from MySQL (and then cached). */
	Optional<Product> find(long id) {
		Lookup cached = lookup(id, true);
		if (cached != null) {
			return cached.product();
		}
		CompletableFuture<Optional<Product>> mine = new CompletableFuture<>();
		CompletableFuture<Optional<Product>> running = this.inFlight.putIfAbsent(id, mine);
		if (running != null) {
			try {
				return running.join();
			}
			catch (CompletionException ex) {
				// the leader's failure (e.g. 503 from the bulkhead) is ours too
				throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
			}
		}
		try {
			Optional<Product> product = load(id);
			mine.complete(product);
			return product;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(id, mine);
		}
	}

	private Optional<Product> load(long id) {
		// a load that finished between our miss and our turn as loader has filled Redis
		Lookup cached = lookup(id, false);
		if (cached != null) {
			return cached.product();
		}
		Optional<Product> product = Optional.ofNullable(this.loads.run(() -> {
			Product row = this.products.findById(id);
			return (row != null) ? row.withSkus(this.products.skusOf(id)) : null;
		}));
		store(id, product);
		return product;
	}

	/** Removes a product's entry; called after a write commits. */
	void evict(long id) {
		// tried even while reads skip Redis: writes are rare, and a lost eviction is the
		// one case where a product stays stale up to the TTL
		try {
			this.redis.delete(key(id));
		}
		catch (RuntimeException ex) {
			redisFailed(ex);
			log.warn("Product {} not evicted; a cached copy may be stale up to {}", id, this.settings.ttl());
		}
	}

	/** Evicts now and once more after {@code delay}. */
	void evictNowAndLater(long id, Executor later) {
		evict(id);
		later.execute(() -> evict(id));
	}

	Executor delayed() {
		return CompletableFuture.delayedExecutor(this.settings.secondEvictionDelay().toMillis(), TimeUnit.MILLISECONDS);
	}

	private Lookup lookup(long id, boolean count) {
		if (!redisUsable()) {
			return null;
		}
		String value;
		try {
			value = this.redis.opsForValue().get(key(id));
		}
		catch (RuntimeException ex) {
			redisFailed(ex);
			return null;
		}
		if (value == null) {
			if (count) {
				this.misses.increment();
			}
			return null;
		}
		if (ABSENT.equals(value)) {
			if (count) {
				this.absents.increment();
			}
			return new Lookup(Optional.empty());
		}
		Product product;
		try {
			product = this.json.readValue(value, Product.class);
		}
		catch (JacksonException ex) {
			// an unreadable entry is a miss, not an error for the caller; the load
			// overwrites it
			log.warn("Unreadable cache entry for product {}: {}", id, ex.toString());
			if (count) {
				this.misses.increment();
			}
			return null;
		}
		if (count) {
			this.hits.increment();
		}
		return new Lookup(Optional.of(product));
	}

	private void store(long id, Optional<Product> product) {
		if (!redisUsable()) {
			return;
		}
		try {
			if (product.isPresent()) {
				this.redis.opsForValue().set(key(id), this.json.writeValueAsString(product.get()), withJitter());
			}
			else {
				this.redis.opsForValue().set(key(id), ABSENT, this.settings.absentTtl());
			}
		}
		catch (RuntimeException ex) {
			redisFailed(ex);
		}
	}

	private Duration withJitter() {
		long jitter = this.settings.jitter().toMillis();
		return this.settings.ttl().plusMillis((jitter > 0) ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
	}

	private boolean redisUsable() {
		return System.currentTimeMillis() >= this.redisSkippedUntil.get();
	}

	private void redisFailed(RuntimeException ex) {
		this.errors.increment();
		this.redisSkippedUntil.set(System.currentTimeMillis() + this.settings.redisRetryAfter().toMillis());
		log.warn("Redis unavailable, product reads go to MySQL for {}: {}", this.settings.redisRetryAfter(),
				ex.toString());
	}

	// the v2 names the JSON shape of Product (v2: with its SKUs): a change of that shape
	// gets a new prefix, so a deploy never reads entries written by the old code
	static String key(long id) {
		return "catalog:product:v2:" + id;
	}

	private record Lookup(Optional<Product> product) {
	}

}
