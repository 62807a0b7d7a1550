package io.minibase.catalog.product;

import java.util.List;

import io.minibase.catalog.config.CatalogProperties;
import io.minibase.catalog.product.ProductViews.ProductDetail;
import io.minibase.catalog.product.ProductViews.ProductSummary;
import io.minibase.catalog.product.ProductViews.SkuView;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Turns product rows into what clients see: string ids, image URLs. */
@Component
class ProductPresenter {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JsonMapper json;

	private final String imageBaseUrl;

	ProductPresenter(JsonMapper json, CatalogProperties properties) {
		this.json = json;
		this.imageBaseUrl = properties.imageBaseUrl();
	}

	ProductDetail detail(Product product) {
		return new ProductDetail(String.valueOf(product.id()), product.name(), product.description(),
				product.priceFen(), product.stock(), String.valueOf(product.categoryId()), imageUrls(product),
				product.status(), product.updatedAt(),
				product.skus()
					.stream()
					.map((sku) -> new SkuView(String.valueOf(sku.id()), sku.specsMap(), sku.priceFen(), sku.stock()))
					.toList());
	}

	ProductSummary summary(Product product) {
		List<String> urls = imageUrls(product);
		return new ProductSummary(String.valueOf(product.id()), product.name(), product.priceFen(),
				urls.isEmpty() ? null : urls.getFirst(), product.stock(), product.status());
	}

	private List<String> imageUrls(Product product) {
		if (product.imageFileIds() == null || product.imageFileIds().isBlank()) {
			return List.of();
		}
		return this.json.readValue(product.imageFileIds(), STRINGS)
			.stream()
			.map((id) -> this.imageBaseUrl + id)
			.toList();
	}

}
