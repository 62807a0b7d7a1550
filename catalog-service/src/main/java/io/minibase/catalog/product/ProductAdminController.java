package io.minibase.catalog.product;

import java.net.URI;

import io.minibase.catalog.product.ProductViews.ProductDetail;
import io.minibase.catalog.product.ProductViews.ProductSummary;
import io.minibase.common.web.CursorPage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's own view of its products and its writes to them (role ADMIN, see
 * SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/admin/catalog/products")
class ProductAdminController {

	private final ProductService products;

	private final ProductPresenter presenter;

	ProductAdminController(ProductService products, ProductPresenter presenter) {
		this.products = products;
		this.presenter = presenter;
	}

	/**
	 * Every product, off shelf too (the public list shows only what is on sale, so a
	 * product taken off the shelf could not be found to be put back), optionally of one
	 * status. Read from MySQL each time and never stored by a cache: staff see what they
	 * just wrote.
	 */
	@GetMapping
	ResponseEntity<CursorPage<ProductSummary>> list(@RequestParam(required = false) ProductStatus status,
			@RequestParam(required = false) Long categoryId, @RequestParam(required = false) @Size(max = 64) String q,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) String cursor) {
		CursorPage<Product> page = this.products.listOf(status, categoryId, q, size, cursor);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page.map(this.presenter::summary));
	}

	@PostMapping
	ResponseEntity<ProductDetail> create(@Valid @RequestBody ProductRequest request) {
		Product product = this.products.create(request);
		return ResponseEntity.created(URI.create("/api/catalog/products/" + product.id()))
			.body(this.presenter.detail(product));
	}

	/**
	 * Replaces a product. Stock moves under orders all the time, so an editor should send
	 * {@code If-Match} with the ETag it read: a product changed since (a reservation,
	 * say) is then refused with 412 instead of having its stock overwritten with an old
	 * count. Without {@code If-Match} the write wins, as in an inventory recount.
	 */
	@PutMapping("/{id}")
	ResponseEntity<ProductDetail> replace(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody ProductRequest request) {
		Product product = this.products.update(id, request, ProductTags.version(id, ifMatch));
		return ResponseEntity.ok().eTag(ProductTags.of(product)).body(this.presenter.detail(product));
	}

}
