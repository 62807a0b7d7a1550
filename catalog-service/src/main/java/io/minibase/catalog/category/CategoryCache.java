package io.minibase.catalog.category;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.catalog.config.CatalogProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Cache-aside for the whole category list (one small entry, TTL + jitter). Simpler than
 * the product cache on purpose: a miss is one indexed query on a small table, so there is
 * no single flight or bulkhead; with Redis down every list read is that query. A category
 * write evicts the entry after it is committed.
 */
@Component
class CategoryCache {

	private static final Logger log = LoggerFactory.getLogger(CategoryCache.class);

	// v1 names the JSON shape of an entry, like the product cache
	static final String KEY = "catalog:categories:v1";

	private static final TypeReference<List<Category>> CATEGORIES = new TypeReference<>() {
	};

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final CatalogProperties.Cache settings;

	private final Counter hits;

	private final Counter misses;

	private final Counter errors;

	CategoryCache(StringRedisTemplate redis, JsonMapper json, CatalogProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.json = json;
		this.settings = properties.cache();
		this.hits = counter(meters, "hit");
		this.misses = counter(meters, "miss");
		this.errors = counter(meters, "error");
	}

	private static Counter counter(MeterRegistry meters, String result) {
		return Counter.builder("catalog.cache").tag("cache", "categories").tag("result", result).register(meters);
	}

	List<Category> list(Supplier<List<Category>> load) {
		try {
			String cached = this.redis.opsForValue().get(KEY);
			if (cached != null) {
				List<Category> categories = this.json.readValue(cached, CATEGORIES);
				this.hits.increment();
				return categories;
			}
			this.misses.increment();
		}
		catch (RuntimeException ex) {
			failed(ex);
			return load.get();
		}
		List<Category> categories = load.get();
		try {
			long jitter = this.settings.jitter().toMillis();
			Duration ttl = this.settings.ttl()
				.plusMillis((jitter > 0) ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
			this.redis.opsForValue().set(KEY, this.json.writeValueAsString(categories), ttl);
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
		return categories;
	}

	void evict() {
		try {
			this.redis.delete(KEY);
		}
		catch (RuntimeException ex) {
			failed(ex);
			log.warn("Category list not evicted; it may be stale up to {}", this.settings.ttl());
		}
	}

	private void failed(RuntimeException ex) {
		this.errors.increment();
		log.warn("Category cache unavailable, reading MySQL: {}", ex.toString());
	}

}
