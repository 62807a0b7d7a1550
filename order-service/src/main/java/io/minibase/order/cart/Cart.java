package io.minibase.order.cart;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.minibase.order.cart.CartMapper.CartRow;
import io.minibase.order.catalog.CatalogCopy;
import io.minibase.order.catalog.CatalogSku;
import io.minibase.order.catalog.SoldOutMarks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A buyer's cart (api.md, Cart and addresses; ADR 14): SKUs and quantities kept in
 * MariaDB, shown at today's prices from this service's copy of the catalog. Every read
 * and write names the caller, so another user's cart is never reachable.
 */
@Service
public class Cart {

	/** A cart holds at most this many SKUs. */
	static final int LIMIT = 50;

	private static final String SKU_ID = "[A-Za-z0-9_-]{1,64}";

	private final CartMapper cart;

	private final CatalogCopy catalog;

	private final SoldOutMarks soldOut;

	private final TransactionTemplate transactions;

	Cart(CartMapper cart, CatalogCopy catalog, SoldOutMarks soldOut, TransactionTemplate transactions) {
		this.cart = cart;
		this.catalog = catalog;
		this.soldOut = soldOut;
		this.transactions = transactions;
	}

	/** A line an order from the cart takes: a SKU and the quantity in the cart. */
	public record Line(String skuId, int quantity) {
	}

	/** The caller's cart as it is now. */
	CartView view(long userId) {
		List<CartRow> rows = this.cart.items(userId);
		List<String> skuIds = rows.stream().map(CartRow::skuId).toList();
		Map<String, CatalogSku> skus = this.catalog.skus(skuIds);
		Set<String> soldOut = this.soldOut.soldOutSkus(skuIds);
		List<CartView.Item> items = rows.stream().map((row) -> {
			CatalogSku sku = skus.get(row.skuId());
			if (sku == null) {
				return new CartView.Item(row.skuId(), null, null, null, 0, row.quantity(), false);
			}
			return new CartView.Item(row.skuId(), sku.productId(), sku.name(), sku.specsMap(), sku.priceFen(),
					row.quantity(), sku.onSale() && !soldOut.contains(row.skuId()));
		}).toList();
		long total = items.stream()
			.filter(CartView.Item::available)
			.mapToLong((item) -> item.priceFen() * item.quantity())
			.sum();
		return new CartView(items, total);
	}

	/**
	 * Sets how many of a SKU the cart holds (0 removes it); a SKU not in the cart must be
	 * one catalog has, and the cart must have room for it.
	 */
	CartView put(long userId, String skuId, int quantity) {
		if (quantity == 0) {
			return remove(userId, skuId);
		}
		if (!skuId.matches(SKU_ID) || this.catalog.skus(List.of(skuId)).isEmpty()) {
			throw new SkuNotFound();
		}
		this.transactions.executeWithoutResult((tx) -> {
			this.cart.lock(userId);
			if (this.cart.count(userId) >= LIMIT && this.cart.has(userId, skuId) == 0) {
				throw new CartFull(LIMIT);
			}
			this.cart.put(userId, skuId, quantity);
		});
		return view(userId);
	}

	/** Removes a SKU from the cart, if it is there. */
	CartView remove(long userId, String skuId) {
		this.cart.remove(userId, skuId);
		return view(userId);
	}

	/** What an order from the cart takes now: its available items. */
	public List<Line> orderable(long userId) {
		return view(userId).items()
			.stream()
			.filter(CartView.Item::available)
			.map((item) -> new Line(item.skuId(), item.quantity()))
			.toList();
	}

	/**
	 * Takes the ordered lines out of the cart, inside the transaction that places their
	 * order.
	 * @throws CartChanged when a line is no longer in the cart with that quantity (the
	 * placement then rolls back)
	 */
	public void takeOut(long userId, List<Line> lines) {
		for (Line line : lines) {
			if (this.cart.takeOut(userId, line.skuId(), line.quantity()) == 0) {
				throw new CartChanged();
			}
		}
	}

}
