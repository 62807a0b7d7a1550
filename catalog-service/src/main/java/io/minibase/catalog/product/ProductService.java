package io.minibase.catalog.product;

import java.util.List;
import java.util.Optional;

import io.minibase.catalog.product.ProductMapper.NewProduct;
import io.minibase.common.events.Outbox;
import io.minibase.common.web.CursorPage;
import io.minibase.common.web.Ids;
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
		Optional<Long> parsed = Ids.parse(id);
		if (parsed.isEmpty()) {
			throw new ProductNotFound();
		}
		return this.cache.find(parsed.get()).orElseThrow(ProductNotFound::new);
	}

	/** One page of on-sale products, newest first: what buyers see. */
	CursorPage<Product> list(Long categoryId, String q, int size, String cursor) {
		return listOf(ProductStatus.ON_SALE, categoryId, q, size, cursor);
	}

	/**
	 * One page of products of {@code status}, or of every status when it is null (the
	 * shop's own list, where an off-shelf product is found to be put on sale again),
	 * newest first.
	 */
	CursorPage<Product> listOf(ProductStatus status, Long categoryId, String q, int size, String cursor) {
		Long beforeId = KeysetCursor.lastId(cursor);
		String pattern = (q != null && !q.isBlank()) ? "%" + escapeLike(q.strip()) + "%" : null;
		return CursorPage.of(this.products.findPage(status, categoryId, pattern, beforeId, size + 1), size,
				Product::id);
	}

	@Transactional
	Product create(ProductRequest request) {
		ProductSkus.Plan skus = ProductSkus.forCreate(request);
		NewProduct row = row(request, (request.status() != null) ? request.status() : ProductStatus.ON_SALE, skus);
		this.products.insert(row);
		writeSkus(row.getId(), skus);
		// an absent marker may be cached for this id from a probe before it existed
		return written(row.getId());
	}

	/**
	 * Replaces a product and its SKUs; with {@code expectedVersion}, only if it is still
	 * that version.
	 */
	@Transactional
	Product update(String id, ProductRequest request, Optional<Long> expectedVersion) {
		long productId = Ids.parse(id).orElseThrow(ProductNotFound::new);
		// locked first, as a reservation locks it before its SKUs
		Product current = this.products.lock(productId);
		if (current == null) {
			throw new ProductNotFound();
		}
		ProductSkus.Plan skus = ProductSkus.forReplace(request, this.products.skusOf(productId));
		NewProduct row = row(request, (request.status() != null) ? request.status() : current.status(), skus);
		// the version check is in the UPDATE itself: an If-Match naming an older version
		// than the one locked above is refused here
		if (this.products.update(productId, row, expectedVersion.orElse(null)) == 0) {
			throw new ProductTags.Stale();
		}
		skus.deleted().forEach((sku) -> this.products.deleteSku(sku, productId));
		writeSkus(productId, skus);
		return written(productId);
	}

	private void writeSkus(long productId, ProductSkus.Plan skus) {
		for (ProductSkus.Write sku : skus.skus()) {
			if (sku.id() != null) {
				this.products.updateSku(sku.id(), productId, Sku.json(sku.specs()), sku.priceFen(), sku.stock());
			}
			else {
				this.products.insertSku(productId, Sku.json(sku.specs()), sku.priceFen(), sku.stock());
			}
		}
	}

	private NewProduct row(ProductRequest request, ProductStatus status, ProductSkus.Plan skus) {
		long categoryId = Long.parseLong(request.categoryId());
		if (this.products.countCategory(categoryId) == 0) {
			throw new UnknownCategory(request.categoryId());
		}
		List<String> images = (request.imageFileIds() != null) ? request.imageFileIds() : List.of();
		return new NewProduct(categoryId, request.name().strip(),
				(request.description() != null) ? request.description() : "", skus.lowestPriceFen(), skus.totalStock(),
				status, this.json.writeValueAsString(images));
	}

	/**
	 * Publishes a product's write and keeps the caches fresh; inside the write's
	 * transaction (also for {@link ProductImages}).
	 */
	Product written(long id) {
		Product product = this.products.findById(id).withSkus(this.products.skusOf(id));
		this.outbox.append(ProductChanged.TOPIC, ProductChanged.TYPE, String.valueOf(id), ProductChanged.of(product));
		// after, not before, the commit: evicting earlier lets a concurrent read cache
		// the old row again
		this.evictions.afterCommit(id);
		// a product written anew (restocked, back on sale) is no longer sold out; if it
		// is, the next order that finds it empty marks it again
		this.soldOut.clearAfterCommit(id);
		product.skus().forEach((sku) -> this.soldOut.clearSkuAfterCommit(sku.id()));
		return product;
	}

	private static String escapeLike(String q) {
		return q.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

}
