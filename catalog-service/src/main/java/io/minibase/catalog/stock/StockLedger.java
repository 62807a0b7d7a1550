package io.minibase.catalog.stock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.minibase.catalog.product.ProductStatus;
import io.minibase.catalog.product.ProductStockMapper.ProductState;
import io.minibase.catalog.product.Sku;
import io.minibase.catalog.stock.IncomingOrderEvents.OrderPlaced;
import io.minibase.catalog.stock.StockEvents.StockRejected.Reason;
import io.minibase.catalog.stock.StockEvents.StockReserved;
import io.minibase.common.web.Ids;

/**
 * The stock of the products (and all their SKUs) that a run of orders names, as the
 * reserving transaction has locked it. Orders take from it one after another, in the
 * order they were placed, each all of its lines or none: what one order takes the next
 * cannot have. The rules of a reservation live here; the transaction writes what was
 * taken with conditional UPDATEs, which only guard against a write this lock should have
 * kept out.
 */
final class StockLedger {

	private final Map<Long, ProductState> products = new HashMap<>();

	private final Map<Long, Sku> skus = new HashMap<>();

	private final Map<Long, List<Sku>> skusOfProduct = new HashMap<>();

	private final Map<Long, Integer> productLeft = new HashMap<>();

	private final Map<Long, Integer> skuLeft = new HashMap<>();

	private final Map<Long, Integer> productTaken = new TreeMap<>();

	private final Map<Long, Integer> skuTaken = new TreeMap<>();

	/**
	 * @param products the locked product rows
	 * @param skus every SKU of those products, locked
	 */
	StockLedger(Collection<ProductState> products, Collection<Sku> skus) {
		for (ProductState product : products) {
			this.products.put(product.id(), product);
			this.productLeft.put(product.id(), product.stock());
		}
		for (Sku sku : skus) {
			this.skus.put(sku.id(), sku);
			this.skuLeft.put(sku.id(), sku.stock());
			this.skusOfProduct.computeIfAbsent(sku.productId(), (id) -> new ArrayList<>()).add(sku);
		}
	}

	/** What one order got: every line, or nothing and why. */
	sealed interface Reservation permits Reserved, Rejected {

	}

	/** Every line reserved, at these names and prices. */
	record Reserved(List<StockReserved.Line> lines, long totalFen) implements Reservation {
	}

	/**
	 * Nothing reserved; {@code productId} and {@code skuId} name the first line that
	 * could not be (either may be null).
	 */
	record Rejected(Reason reason, String productId, String skuId) implements Reservation {
	}

	/** The products an order's lines name, and the products of the SKUs it names. */
	static Set<Long> productsNamedBy(OrderPlaced order, Map<Long, Long> productOfSku) {
		Set<Long> named = new TreeSet<>();
		for (OrderPlaced.Line line : order.items()) {
			if (line.skuId() != null) {
				Ids.parse(line.skuId()).map(productOfSku::get).ifPresent(named::add);
			}
			else {
				Ids.parse(line.productId()).ifPresent(named::add);
			}
		}
		return named;
	}

	/** The SKU ids an order's lines name. */
	static Set<Long> skusNamedBy(OrderPlaced order) {
		Set<Long> named = new TreeSet<>();
		for (OrderPlaced.Line line : order.items()) {
			if (line.skuId() != null) {
				Ids.parse(line.skuId()).ifPresent(named::add);
			}
		}
		return named;
	}

	/** Takes every line of the order from what is left, or none of them. */
	Reservation take(OrderPlaced order) {
		TreeMap<Long, TreeMap<Long, Integer>> bySku = new TreeMap<>();
		for (OrderPlaced.Line line : order.items()) {
			Sku sku;
			if (line.skuId() != null) {
				sku = Ids.parse(line.skuId()).map(this.skus::get).orElse(null);
				if (sku == null) {
					return new Rejected(Reason.PRODUCT_NOT_FOUND, null, line.skuId());
				}
			}
			else {
				List<Sku> ofProduct = Ids.parse(line.productId()).map(this.skusOfProduct::get).orElse(List.of());
				if (ofProduct.isEmpty()) {
					return new Rejected(Reason.PRODUCT_NOT_FOUND, line.productId(), null);
				}
				if (ofProduct.size() > 1) {
					// which of them the buyer wants is not catalog's guess
					return new Rejected(Reason.SKU_REQUIRED, line.productId(), null);
				}
				sku = ofProduct.getFirst();
			}
			bySku.computeIfAbsent(sku.productId(), (product) -> new TreeMap<>())
				.merge(sku.id(), line.quantity(), Integer::sum);
		}
		for (Map.Entry<Long, TreeMap<Long, Integer>> product : bySku.entrySet()) {
			Optional<Rejected> refused = refusal(product.getKey(), product.getValue());
			if (refused.isPresent()) {
				return refused.get();
			}
		}
		List<StockReserved.Line> lines = new ArrayList<>();
		long total = 0;
		for (Map.Entry<Long, TreeMap<Long, Integer>> product : bySku.entrySet()) {
			ProductState state = this.products.get(product.getKey());
			for (Map.Entry<Long, Integer> line : product.getValue().entrySet()) {
				Sku sku = this.skus.get(line.getKey());
				int quantity = line.getValue();
				this.productLeft.merge(state.id(), -quantity, Integer::sum);
				this.skuLeft.merge(sku.id(), -quantity, Integer::sum);
				this.productTaken.merge(state.id(), quantity, Integer::sum);
				this.skuTaken.merge(sku.id(), quantity, Integer::sum);
				lines.add(new StockReserved.Line(String.valueOf(state.id()), String.valueOf(sku.id()), sku.specsMap(),
						state.name(), sku.priceFen(), quantity));
				total += sku.priceFen() * quantity;
			}
		}
		return new Reserved(List.copyOf(lines), total);
	}

	private Optional<Rejected> refusal(long productId, Map<Long, Integer> units) {
		String product = String.valueOf(productId);
		ProductState state = this.products.get(productId);
		if (state == null) {
			return Optional.of(new Rejected(Reason.PRODUCT_NOT_FOUND, product, null));
		}
		int wanted = units.values().stream().mapToInt(Integer::intValue).sum();
		boolean onSale = state.status() == ProductStatus.ON_SALE;
		if (!onSale || this.productLeft.get(productId) < wanted) {
			return Optional.of(new Rejected(onSale ? Reason.INSUFFICIENT_STOCK : Reason.PRODUCT_OFF_SHELF, product,
					(units.size() == 1) ? String.valueOf(units.keySet().iterator().next()) : null));
		}
		for (Map.Entry<Long, Integer> line : units.entrySet()) {
			if (this.skuLeft.get(line.getKey()) < line.getValue()) {
				return Optional.of(new Rejected(Reason.INSUFFICIENT_STOCK, product, String.valueOf(line.getKey())));
			}
		}
		return Optional.empty();
	}

	/** Units taken per product, in id order (the order the rows are written in). */
	Map<Long, Integer> takenByProduct() {
		return new LinkedHashMap<>(this.productTaken);
	}

	/** Units taken per SKU, in id order. */
	Map<Long, Integer> takenBySku() {
		return new LinkedHashMap<>(this.skuTaken);
	}

	/** The SKU's product: the rows are written product by product. */
	long productOf(long skuId) {
		return this.skus.get(skuId).productId();
	}

	/** Products with nothing left once the run has taken its share. */
	Set<Long> emptyProducts() {
		Set<Long> empty = new TreeSet<>();
		this.productLeft.forEach((id, left) -> {
			if (left == 0) {
				empty.add(id);
			}
		});
		return empty;
	}

	/** SKUs with nothing left once the run has taken its share. */
	Set<Long> emptySkus() {
		Set<Long> empty = new TreeSet<>();
		this.skuLeft.forEach((id, left) -> {
			if (left == 0) {
				empty.add(id);
			}
		});
		return empty;
	}

}
