package io.minibase.catalog.product;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.minibase.catalog.product.ProductMapper.NewProduct;
import io.minibase.catalog.product.ProductViews.Page;
import io.minibase.common.events.Outbox;
import io.minibase.common.web.KeysetCursor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Product reads (detail through {@link ProductCache}, lists straight from MySQL) and
 * admin writes.
 * <p>
 * Staleness bound: a write evicts the cached product after its transaction commits and
 * before the admin call returns, so a read after the write sees it. A load that read the
 * row just before the commit may write the old value back after that eviction; a second
 * eviction {@code catalog.cache.second-eviction-delay} (1s) later removes it, so that
 * window is about one second. Only when Redis is unreachable at the write is an entry
 * left to expire, at most {@code catalog.cache.ttl} + jitter (5m30s by default).
 */
@Service
class ProductService {

	private final ProductMapper products;

	private final ProductCache cache;

	private final Outbox outbox;

	private final JsonMapper json;

	private final ProductEvictions evictions;

	private final SoldOutMarks soldOut;

	ProductService(ProductMapper products, ProductCache cache, Outbox outbox, JsonMapper json,
			ProductEvictions evictions, SoldOutMarks soldOut) {
		this.soldOut = soldOut;
		this.products = products;
		this.cache = cache;
		this.outbox = outbox;
		this.json = json;
		this.evictions = evictions;
	}

	/** Any product by id, on sale or not: a product page stays readable off shelf. */
	Product find(String id) {
		Optional<Long> parsed = parseId(id);
		if (parsed.isEmpty()) {
			throw new ProductNotFound();
		}
		return this.cache.find(parsed.get()).orElseThrow(ProductNotFound::new);
	}

	/** One page of on-sale products, newest first. */
	Page<Product> list(Long categoryId, String q, int size, String cursor) {
		Long beforeId = KeysetCursor.lastId(cursor);
		String pattern = (q != null && !q.isBlank()) ? "%" + escapeLike(q.strip()) + "%" : null;
		List<Product> rows = this.products.findOnSale(categoryId, pattern, beforeId, size + 1);
		if (rows.size() <= size) {
			return new Page<>(rows, null);
		}
		List<Product> page = rows.subList(0, size);
		return new Page<>(page, KeysetCursor.after(page.get(size - 1).id()));
	}

	@Transactional
	Product create(ProductRequest request) {
		NewProduct row = row(request, (request.status() != null) ? request.status() : ProductStatus.ON_SALE);
		this.products.insert(row);
		// an absent marker may be cached for this id from a probe before it existed
		return written(row.getId());
	}

	/**
	 * Replaces a product; with {@code expectedVersion}, only if it is still that version.
	 */
	@Transactional
	Product update(String id, ProductRequest request, Optional<Long> expectedVersion) {
		long productId = parseId(id).orElseThrow(ProductNotFound::new);
		Product current = this.products.findById(productId);
		if (current == null) {
			throw new ProductNotFound();
		}
		NewProduct row = row(request, (request.status() != null) ? request.status() : current.status());
		// the version check is in the UPDATE itself: a reservation between the read above
		// and this write is caught too
		if (this.products.update(productId, row, expectedVersion.orElse(null)) == 0) {
			throw new ProductTags.Stale();
		}
		return written(productId);
	}

	private NewProduct row(ProductRequest request, ProductStatus status) {
		long categoryId = Long.parseLong(request.categoryId());
		if (this.products.countCategory(categoryId) == 0) {
			throw new UnknownCategory(request.categoryId());
		}
		List<String> images = (request.imageFileIds() != null) ? request.imageFileIds() : List.of();
		return new NewProduct(categoryId, request.name().strip(),
				(request.description() != null) ? request.description() : "", request.priceFen(), request.stock(),
				status, this.json.writeValueAsString(images));
	}

	/**
	 * Publishes a product's write and keeps the caches fresh; inside the write's
	 * transaction (also for {@link ProductImages}).
	 */
	Product written(long id) {
		Product product = this.products.findById(id);
		this.outbox.append(ProductChanged.TOPIC, ProductChanged.TYPE, String.valueOf(id),
				new ProductChanged(String.valueOf(id), product.name(), product.priceFen(), product.status(),
						product.stock(), String.valueOf(product.categoryId()), product.version(), Instant.now()));
		// after, not before, the commit: evicting earlier lets a concurrent read cache
		// the
		// old row again
		this.evictions.afterCommit(id);
		// a product written anew (restocked, back on sale) is no longer sold out; if it
		// is, the next order that finds it empty marks it again
		this.soldOut.clearAfterCommit(id);
		return product;
	}

	private static Optional<Long> parseId(String id) {
		if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
			return Optional.empty();
		}
		return Optional.of(Long.parseLong(id));
	}

	private static String escapeLike(String q) {
		return q.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

}
