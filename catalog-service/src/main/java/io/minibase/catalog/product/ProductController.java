package io.minibase.catalog.product;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import io.minibase.catalog.product.ProductViews.ProductDetail;
import io.minibase.catalog.product.ProductViews.ProductSummary;
import io.minibase.common.web.CursorPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public product list and product page. Both carry an ETag (a matching
 * {@code If-None-Match} is answered 304 by Spring MVC) and a short public max-age, so
 * clients and proxies revalidate often and the documented staleness bound holds.
 */
@RestController
@RequestMapping("/api/catalog/products")
class ProductController {

	private static final CacheControl SHORT_PUBLIC = CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();

	private final ProductService products;

	private final ProductPresenter presenter;

	ProductController(ProductService products, ProductPresenter presenter) {
		this.products = products;
		this.presenter = presenter;
	}

	@GetMapping
	ResponseEntity<CursorPage<ProductSummary>> list(@RequestParam(required = false) Long categoryId,
			@RequestParam(required = false) @Size(max = 64) String q,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) String cursor) {
		CursorPage<Product> page = this.products.list(categoryId, q, size, cursor);
		StringBuilder tag = new StringBuilder();
		page.items().forEach((product) -> tag.append(product.id()).append('-').append(product.version()).append(','));
		tag.append(page.nextCursor());
		return ResponseEntity.ok()
			.eTag(digest(tag.toString()))
			.cacheControl(SHORT_PUBLIC)
			.body(page.map(this.presenter::summary));
	}

	@GetMapping("/{id}")
	ResponseEntity<ProductDetail> get(@PathVariable String id) {
		Product product = this.products.find(id);
		return ResponseEntity.ok()
			.eTag(ProductTags.of(product))
			.cacheControl(SHORT_PUBLIC)
			.body(this.presenter.detail(product));
	}

	private static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
