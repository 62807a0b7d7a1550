package io.minibase.catalog.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.catalog.product.ProductEvictions;
import io.minibase.catalog.product.Sku;
import io.minibase.catalog.product.SoldOutMarks;
import io.minibase.catalog.stock.OrderEvents.OrderPlaced;
import io.minibase.catalog.stock.StockEvents.StockRejected;
import io.minibase.catalog.stock.StockEvents.StockRejected.Reason;
import io.minibase.catalog.stock.StockEvents.StockReleased;
import io.minibase.catalog.stock.StockEvents.StockReserved;
import io.minibase.catalog.stock.StockMapper.HeldLine;
import io.minibase.catalog.stock.StockMapper.ProductState;
import io.minibase.common.events.Outbox;
import io.minibase.common.events.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reserves and returns stock for orders. Each handler runs in one transaction with its
 * processed-event record, so a redelivered event changes nothing; stock only moves
 * through conditional UPDATEs, so concurrent orders never take more than is left.
 */
@Service
class StockService {

	static final String CONSUMER = "stock";

	private static final Logger log = LoggerFactory.getLogger(StockService.class);

	private final StockMapper stock;

	private final ProcessedEvents processed;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final ProductEvictions evictions;

	private final MeterRegistry meters;

	private final SoldOutMarks soldOut;

	StockService(StockMapper stock, ProcessedEvents processed, Outbox outbox, TransactionTemplate transactions,
			ProductEvictions evictions, MeterRegistry meters, SoldOutMarks soldOut) {
		this.soldOut = soldOut;
		this.stock = stock;
		this.processed = processed;
		this.outbox = outbox;
		this.transactions = transactions;
		this.evictions = evictions;
		this.meters = meters;
	}

	/**
	 * Reserves every line of an order or none: publishes StockReserved or StockRejected.
	 */
	void reserve(String eventId, OrderPlaced order) {
		String outcome = this.transactions.execute((tx) -> {
			if (!this.processed.firstTime(CONSUMER, eventId)) {
				return "duplicate";
			}
			if (this.stock.countForOrder(order.orderId()) > 0) {
				// reserved under another event id, or closed before it was placed
				return "closed";
			}
			return reserveAllOrNothing(tx, order);
		});
		this.meters.counter("minibase.catalog.reservations", "outcome", outcome).increment();
	}

	private String reserveAllOrNothing(TransactionStatus tx, OrderPlaced order) {
		Resolved resolved = resolve(order);
		if (resolved.refusal() != null) {
			return rejected(order, resolved.refusal());
		}
		Object beforeAnyTake = tx.createSavepoint();
		List<StockReserved.Line> lines = new ArrayList<>();
		long total = 0;
		// one order's products in id order, each product's row before its SKUs': two
		// orders lock shared rows in the same order and cannot deadlock on each other
		for (Map.Entry<Long, TreeMap<Long, Integer>> product : resolved.bySku().entrySet()) {
			long productId = product.getKey();
			Optional<Refusal> refused = take(productId, product.getValue());
			if (refused.isPresent()) {
				tx.rollbackToSavepoint(beforeAnyTake);
				return rejected(order, refused.get());
			}
			ProductState state = this.stock.state(productId);
			if (state.stock() == 0) {
				// this order took the last units
				this.soldOut.markAfterCommit(productId);
			}
			for (Map.Entry<Long, Integer> line : product.getValue().entrySet()) {
				Sku sku = this.stock.sku(line.getKey());
				if (sku.stock() == 0) {
					this.soldOut.markSkuAfterCommit(sku.id());
				}
				lines.add(new StockReserved.Line(String.valueOf(productId), String.valueOf(sku.id()), sku.specsMap(),
						state.name(), sku.priceFen(), line.getValue()));
				total += sku.priceFen() * line.getValue();
			}
		}
		for (StockReserved.Line line : lines) {
			long productId = Long.parseLong(line.productId());
			this.stock.insert(order.orderId(), productId, Long.parseLong(line.skuId()), line.quantity(),
					line.priceFen(), "RESERVED");
			this.evictions.afterCommit(productId);
		}
		this.outbox.append(StockEvents.TOPIC, StockReserved.TYPE, order.orderId(),
				new StockReserved(order.orderId(), lines, total, Instant.now()));
		return "reserved";
	}

	private String rejected(OrderPlaced order, Refusal refusal) {
		this.outbox.append(StockEvents.TOPIC, StockRejected.TYPE, order.orderId(), new StockRejected(order.orderId(),
				refusal.reason(), refusal.productId(), refusal.skuId(), Instant.now()));
		log.info("Order {} rejected: {} for product {} SKU {}", order.orderId(), refusal.reason(), refusal.productId(),
				refusal.skuId());
		return "rejected";
	}

	/** Why a line could not be reserved, and which line. */
	private record Refusal(Reason reason, String productId, String skuId) {
	}

	/**
	 * The order's lines as SKUs: units by SKU id by product id (a SKU named twice, once
	 * by itself and once by its product, is added up), or the first line that names no
	 * SKU.
	 */
	private record Resolved(TreeMap<Long, TreeMap<Long, Integer>> bySku, Refusal refusal) {
	}

	/**
	 * Which SKU each line means: its {@code skuId}, or the only SKU of its
	 * {@code productId}. A product named without a SKU that has several is refused
	 * ({@code SKU_REQUIRED}): which of them the buyer wants is not catalog's guess.
	 */
	private Resolved resolve(OrderPlaced order) {
		TreeMap<Long, TreeMap<Long, Integer>> bySku = new TreeMap<>();
		for (OrderPlaced.Line line : order.items()) {
			Sku sku;
			if (line.skuId() != null) {
				sku = parseId(line.skuId()).map(this.stock::sku).orElse(null);
				if (sku == null) {
					return new Resolved(null, new Refusal(Reason.PRODUCT_NOT_FOUND, null, line.skuId()));
				}
			}
			else {
				List<Sku> skus = parseId(line.productId()).map(this.stock::skusOf).orElse(List.of());
				if (skus.isEmpty()) {
					return new Resolved(null, new Refusal(Reason.PRODUCT_NOT_FOUND, line.productId(), null));
				}
				if (skus.size() > 1) {
					return new Resolved(null, new Refusal(Reason.SKU_REQUIRED, line.productId(), null));
				}
				sku = skus.getFirst();
			}
			bySku.computeIfAbsent(sku.productId(), (product) -> new TreeMap<>())
				.merge(sku.id(), line.quantity(), Integer::sum);
		}
		return new Resolved(bySku, null);
	}

	/**
	 * Takes the units of a product's SKUs (the product's row first), or says why not; the
	 * caller rolls back what was taken when one is refused.
	 */
	private Optional<Refusal> take(long productId, Map<Long, Integer> skus) {
		String product = String.valueOf(productId);
		int units = skus.values().stream().mapToInt(Integer::intValue).sum();
		if (this.stock.take(productId, units) != 1) {
			ProductState state = this.stock.state(productId);
			if (state == null) {
				return Optional.of(new Refusal(Reason.PRODUCT_NOT_FOUND, product, null));
			}
			if (state.stock() == 0) {
				// a mark set after the last units went may have been lost: set again
				this.soldOut.markAfterCommit(productId);
			}
			return Optional
				.of(new Refusal("ON_SALE".equals(state.status()) ? Reason.INSUFFICIENT_STOCK : Reason.PRODUCT_OFF_SHELF,
						product, (skus.size() == 1) ? String.valueOf(skus.keySet().iterator().next()) : null));
		}
		for (Map.Entry<Long, Integer> line : skus.entrySet()) {
			if (this.stock.takeSku(line.getKey(), productId, line.getValue()) != 1) {
				Sku sku = this.stock.sku(line.getKey());
				if (sku == null) {
					// deleted by an admin write since the line was resolved
					return Optional.of(new Refusal(Reason.PRODUCT_NOT_FOUND, product, String.valueOf(line.getKey())));
				}
				if (sku.stock() == 0) {
					this.soldOut.markSkuAfterCommit(sku.id());
				}
				return Optional.of(new Refusal(Reason.INSUFFICIENT_STOCK, product, String.valueOf(sku.id())));
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns what a cancelled or expired order holds, once; publishes StockReleased when
	 * anything was returned.
	 */
	void release(String eventId, String orderId) {
		String outcome = this.transactions.execute((tx) -> {
			if (!this.processed.firstTime(CONSUMER, eventId)) {
				return "duplicate";
			}
			if (this.stock.countForOrder(orderId) == 0) {
				// closed before anything was reserved: a late OrderPlaced must not
				// reserve
				this.stock.insert(orderId, 0, 0, 0, 0, "CLOSED");
				return "nothing-held";
			}
			List<HeldLine> held = this.stock.heldFor(orderId);
			if (held.isEmpty()) {
				return "nothing-held";
			}
			returnUnits(held);
			this.stock.close(orderId, "RELEASED");
			this.outbox.append(StockEvents.TOPIC, StockReleased.TYPE, orderId, released(orderId, held));
			return "released";
		});
		this.meters.counter("minibase.catalog.releases", "outcome", outcome).increment();
	}

	/**
	 * Returns what a paid order bought, once, when its whole payment went back before it
	 * was shipped; publishes StockReleased when anything was returned.
	 */
	void restock(String eventId, String orderId) {
		String outcome = this.transactions.execute((tx) -> {
			if (!this.processed.firstTime(CONSUMER, eventId)) {
				return "duplicate";
			}
			List<HeldLine> sold = this.stock.soldFor(orderId);
			if (sold.isEmpty()) {
				return "nothing-sold";
			}
			returnUnits(sold);
			this.stock.returned(orderId);
			this.outbox.append(StockEvents.TOPIC, StockReleased.TYPE, orderId, released(orderId, sold));
			return "returned";
		});
		this.meters.counter("minibase.catalog.releases", "outcome", outcome).increment();
	}

	private static StockReleased released(String orderId, List<HeldLine> lines) {
		return new StockReleased(orderId,
				lines.stream()
					.map((line) -> new StockReleased.Line(String.valueOf(line.productId()),
							String.valueOf(line.skuId()), line.quantity()))
					.toList(),
				Instant.now());
	}

	/** A paid order's units are sold: no later cancel can return them. */
	void sell(String eventId, String orderId) {
		this.transactions.executeWithoutResult((tx) -> {
			if (this.processed.firstTime(CONSUMER, eventId)) {
				this.stock.close(orderId, "SOLD");
			}
		});
	}

	/**
	 * Gives back held units, product by product (each product's row locked before its
	 * SKUs'); a SKU deleted since gives nothing back, so its product's stock stays the
	 * sum of its SKUs'.
	 */
	private void returnUnits(List<HeldLine> held) {
		Map<Long, List<HeldLine>> byProduct = new TreeMap<>();
		held.forEach((line) -> byProduct.computeIfAbsent(line.productId(), (id) -> new ArrayList<>()).add(line));
		for (Map.Entry<Long, List<HeldLine>> product : byProduct.entrySet()) {
			long productId = product.getKey();
			this.stock.lockProduct(productId);
			int returned = 0;
			for (HeldLine line : product.getValue()) {
				if (this.stock.giveBackSku(line.skuId(), productId, line.quantity()) == 1) {
					returned += line.quantity();
					this.soldOut.clearSkuAfterCommit(line.skuId());
				}
			}
			this.stock.giveBack(productId, returned);
			this.evictions.afterCommit(productId);
			this.soldOut.clearAfterCommit(productId);
		}
	}

	private static Optional<Long> parseId(String id) {
		if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
			return Optional.empty();
		}
		return Optional.of(Long.parseLong(id));
	}

}
