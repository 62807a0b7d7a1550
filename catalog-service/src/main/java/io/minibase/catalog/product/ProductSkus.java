package io.minibase.catalog.product;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.minibase.catalog.product.InvalidProduct.FieldError;
import io.minibase.catalog.product.ProductRequest.SkuRequest;

import org.springframework.http.HttpStatus;

/**
 * The rules of a product's SKUs in an admin write, and what the write does to the SKUs
 * the product has: every SKU names the same specifications (颜色, 尺码, ...), no two have the
 * same values, ids name SKUs of this product. A write without {@code skus} keeps the
 * shape from before SKUs: its price and stock are the product's only SKU's.
 */
final class ProductSkus {

	/** A product has at most this many SKUs. */
	static final int MAX_SKUS = 50;

	/** A SKU names at most this many specifications. */
	static final int MAX_SPECS = 5;

	/** 10 million yuan. */
	static final long MAX_PRICE_FEN = 1_000_000_000L;

	static final int MAX_STOCK = 10_000_000;

	private ProductSkus() {
	}

	/** A SKU as the write leaves it; {@code id} is null for a new one. */
	record Write(Long id, Map<String, String> specs, long priceFen, int stock) {
	}

	/** The SKUs a write keeps or adds, in the request's order, and those it deletes. */
	record Plan(List<Write> skus, List<Long> deleted) {

		long lowestPriceFen() {
			return this.skus.stream().mapToLong(Write::priceFen).min().orElseThrow();
		}

		int totalStock() {
			return this.skus.stream().mapToInt(Write::stock).sum();
		}

	}

	/** The SKUs of a new product. */
	static Plan forCreate(ProductRequest request) {
		return plan(request, null);
	}

	/** What replacing the product that has {@code current} does to its SKUs. */
	static Plan forReplace(ProductRequest request, List<Sku> current) {
		return plan(request, current);
	}

	private static Plan plan(ProductRequest request, List<Sku> current) {
		List<Sku> existing = (current != null) ? current : List.of();
		if (request.skus() == null) {
			return withoutSkus(request, existing);
		}
		List<FieldError> errors = new ArrayList<>();
		List<Map<String, String>> specs = new ArrayList<>();
		Map<Map<String, String>, Integer> seenSpecs = new HashMap<>();
		Set<String> seenIds = new HashSet<>();
		for (int i = 0; i < request.skus().size(); i++) {
			SkuRequest sku = request.skus().get(i);
			String field = "skus[" + i + "]";
			Map<String, String> normalized = normalized(sku.specs());
			specs.add(normalized);
			if (sku.specs() != null && normalized.size() < sku.specs().size()) {
				errors.add(new FieldError(field + ".specs", "names a specification twice"));
			}
			else if (i > 0 && !normalized.keySet().equals(specs.get(0).keySet())) {
				errors.add(new FieldError(field + ".specs",
						"must name the same specifications as skus[0]: " + specs.get(0).keySet()));
			}
			else if (seenSpecs.containsKey(normalized)) {
				errors.add(new FieldError(field + ".specs",
						"has the same specifications as skus[" + seenSpecs.get(normalized) + "]"));
			}
			seenSpecs.putIfAbsent(normalized, i);
			if (sku.id() != null && current == null) {
				errors.add(new FieldError(field + ".id", "must be left out: a new product's SKUs get their ids"));
			}
			else if (sku.id() != null && !seenIds.add(sku.id())) {
				errors.add(new FieldError(field + ".id", "names a SKU twice"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidProduct(HttpStatus.BAD_REQUEST, errors);
		}
		Map<Long, Sku> byId = new LinkedHashMap<>();
		existing.forEach((sku) -> byId.put(sku.id(), sku));
		for (int i = 0; i < request.skus().size(); i++) {
			String id = request.skus().get(i).id();
			if (id != null && !byId.containsKey(Long.parseLong(id))) {
				errors.add(new FieldError("skus[" + i + "].id", "no SKU " + id + " of this product"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidProduct(HttpStatus.UNPROCESSABLE_CONTENT, errors);
		}
		Set<Long> kept = new HashSet<>();
		request.skus().stream().filter((sku) -> sku.id() != null).forEach((sku) -> kept.add(Long.parseLong(sku.id())));
		List<Write> writes = new ArrayList<>();
		for (int i = 0; i < request.skus().size(); i++) {
			SkuRequest sku = request.skus().get(i);
			Long id = (sku.id() != null) ? Long.valueOf(sku.id()) : sameSpecs(existing, kept, specs.get(i));
			if (id != null) {
				kept.add(id);
			}
			writes.add(new Write(id, specs.get(i), sku.priceFen(), sku.stock()));
		}
		return new Plan(writes, byId.keySet().stream().filter((id) -> !kept.contains(id)).toList());
	}

	/** The old shape: price and stock of the product's only SKU. */
	private static Plan withoutSkus(ProductRequest request, List<Sku> existing) {
		List<FieldError> errors = new ArrayList<>();
		if (request.priceFen() == null) {
			errors.add(new FieldError("priceFen", "must not be null (or give skus)"));
		}
		if (request.stock() == null) {
			errors.add(new FieldError("stock", "must not be null (or give skus)"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidProduct(HttpStatus.BAD_REQUEST, errors);
		}
		if (existing.size() > 1) {
			throw new InvalidProduct(HttpStatus.UNPROCESSABLE_CONTENT, List.of(new FieldError("skus",
					"the product has " + existing.size() + " SKUs: send them as skus, each with its price and stock")));
		}
		Sku only = existing.isEmpty() ? null : existing.getFirst();
		return new Plan(List.of(new Write((only != null) ? only.id() : null,
				(only != null) ? only.specsMap() : Map.of(), request.priceFen(), request.stock())), List.of());
	}

	/** The id of a SKU the product has, not yet kept, with these specifications. */
	private static Long sameSpecs(List<Sku> existing, Set<Long> kept, Map<String, String> specs) {
		return existing.stream()
			.filter((sku) -> !kept.contains(sku.id()) && sku.specsMap().equals(specs))
			.map(Sku::id)
			.findFirst()
			.orElse(null);
	}

	private static Map<String, String> normalized(Map<String, String> specs) {
		Map<String, String> normalized = new LinkedHashMap<>();
		if (specs != null) {
			specs.forEach((name, value) -> normalized.put(name.strip(), value.strip()));
		}
		return normalized;
	}

}
