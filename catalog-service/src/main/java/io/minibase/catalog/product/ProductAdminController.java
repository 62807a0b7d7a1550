package io.minibase.catalog.product;

import java.net.URI;

import io.minibase.catalog.product.ProductViews.ProductDetail;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

	@PutMapping("/{id}")
	ProductDetail replace(@PathVariable String id, @Valid @RequestBody ProductRequest request) {
		return this.presenter.detail(this.products.update(id, request));
	}

}
