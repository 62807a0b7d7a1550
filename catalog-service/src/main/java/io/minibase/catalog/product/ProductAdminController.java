package io.minibase.catalog.product;

import java.net.URI;

import io.minibase.catalog.product.ProductViews.ProductDetail;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin writes of products (role ADMIN, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/catalog/products")
class ProductAdminController {

	private final ProductService products;

	private final ProductPresenter presenter;

	ProductAdminController(ProductService products, ProductPresenter presenter) {
		this.products = products;
		this.presenter = presenter;
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
