package io.minibase.catalog.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.catalog.product.ProductEvictions;
import io.minibase.catalog.product.ProductStockMapper;
import io.minibase.catalog.product.SoldOutMarks;
import io.minibase.catalog.stock.IncomingOrderEvents.OrderPlaced;
import io.minibase.catalog.stock.ReservationStatus.Move;
import io.minibase.catalog.stock.StockEvents.StockRejected;
import io.minibase.catalog.stock.StockEvents.StockReleased;
import io.minibase.catalog.stock.StockEvents.StockReserved;
import io.minibase.catalog.stock.StockMapper.HeldByOrder;
import io.minibase.catalog.stock.StockLedger.Rejected;
import io.minibase.catalog.stock.StockLedger.Reservation;
import io.minibase.catalog.stock.StockLedger.Reserved;
import io.minibase.common.events.Outbox;
import io.minibase.common.events.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
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

	private final ProductStockMapper products;

	private final ProcessedEvents processed;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final ProductEvictions evictions;

	private final MeterRegistry meters;

	private final SoldOutMarks soldOut;

	private final EventTraces traces;

	StockService(StockMapper stock, ProductStockMapper products, ProcessedEvents processed, Outbox outbox,
			TransactionTemplate transactions, ProductEvictions evictions, MeterRegistry meters, SoldOutMarks soldOut,
			EventTraces traces) {
		this.soldOut = soldOut;
		this.traces = traces;
		this.stock = stock;
		this.products = products;
		this.processed = processed;
		this.outbox = outbox;
		this.transactions = transactions;
		this.evictions = evictions;
		this.meters = meters;
	}

	/** An OrderPlaced event to reserve, with the trace it belongs to. */
	record Placement(String eventId, OrderPlaced order, Map<String, String> trace) {
	}

	/**
	 * Reserves every line of an order or none: publishes StockReserved or StockRejected.
	 */
	void reserve(String eventId, OrderPlaced order) {
		reserve(List.of(new Placement(eventId, order, Map.of())));
	}

	/**
	 * Reserves a run of placed orders in one transaction, in the order given: each gets
	 * every line or none, and publishes StockReserved or StockRejected. The products they
	 * name are locked once for the run, so a crowd's orders for one product take its row
	 * lock once a poll instead of once an order (where three consumer threads queued on
	 * it, each holding it for several round trips). A redelivered event, or an order
	 * closed before it was placed, changes nothing.
	 */
	void reserve(List<Placement> run) {
		List<ReservationOutcome> outcomes = this.transactions.execute((tx) -> reserveInOneTransaction(run));
		for (ReservationOutcome outcome : outcomes) {
			this.meters.counter("minibase.catalog.reservations", "outcome", outcome.tag()).increment();
		}
	}

	private List<ReservationOutcome> reserveInOneTransaction(List<Placement> run) {
		Set<String> fresh = this.processed.firstTimes(CONSUMER, run.stream().map(Placement::eventId).toList());
		// by identity: the same event delivered twice in a run is two equal placements
		Set<Placement> todo = Collections.newSetFromMap(new IdentityHashMap<>());
		Set<String> seen = new HashSet<>();
		for (Placement placement : run) {
			if (fresh.remove(placement.eventId())) {
				todo.add(placement);
			}
		}
		Set<String> closed = todo.isEmpty() ? Set.of()
				: new HashSet<>(this.stock.withReservations(todo.stream().map((p) -> p.order().orderId()).toList()));
		StockLedger ledger = lock(todo);
		List<StockMapper.ReservedRow> rows = new ArrayList<>();
		List<ReservationOutcome> outcomes = new ArrayList<>();
		for (Placement placement : run) {
			OrderPlaced order = placement.order();
			if (!todo.contains(placement)) {
				outcomes.add(ReservationOutcome.DUPLICATE);
			}
			else if (closed.contains(order.orderId()) || !seen.add(order.orderId())) {
				// reserved under another event id, or closed before it was placed
				outcomes.add(ReservationOutcome.CLOSED);
			}
			else {
				Reservation reservation = ledger.take(order);
				this.traces.within(placement.trace(), "reserve stock", () -> publish(order, reservation));
				if (reservation instanceof Reserved reserved) {
					reserved.lines()
						.forEach((line) -> rows
							.add(new StockMapper.ReservedRow(order.orderId(), Long.parseLong(line.productId()),
									Long.parseLong(line.skuId()), line.quantity(), line.priceFen())));
				}
				outcomes.add(ReservationOutcome.of(reservation));
			}
		}
		write(ledger, rows);
		return outcomes;
	}

	/**
	 * The products the run names (and all their SKUs), locked product rows first: two
	 * transactions lock one product's rows in the same order and cannot deadlock on them.
	 */
	private StockLedger lock(Set<Placement> todo) {
		Set<Long> skuIds = new TreeSet<>();
		todo.forEach((placement) -> skuIds.addAll(StockLedger.skusNamedBy(placement.order())));
		Map<Long, Long> productOfSku = new HashMap<>();
		if (!skuIds.isEmpty()) {
			this.products.skus(skuIds).forEach((sku) -> productOfSku.put(sku.id(), sku.productId()));
		}
		Set<Long> productIds = new TreeSet<>();
		todo.forEach((placement) -> productIds.addAll(StockLedger.productsNamedBy(placement.order(), productOfSku)));
		if (productIds.isEmpty()) {
			return new StockLedger(List.of(), List.of());
		}
		return new StockLedger(this.products.lockProducts(productIds), this.products.lockSkusOf(productIds));
	}

	private void publish(OrderPlaced order, Reservation reservation) {
		switch (reservation) {
			case Reserved reserved -> this.outbox.append(StockEvents.TOPIC, StockReserved.TYPE, order.orderId(),
					new StockReserved(order.orderId(), reserved.lines(), reserved.totalFen(), Instant.now()));
			case Rejected rejected -> {
				this.outbox.append(StockEvents.TOPIC, StockRejected.TYPE, order.orderId(), new StockRejected(
						order.orderId(), rejected.reason(), rejected.productId(), rejected.skuId(), Instant.now()));
				log.info("Order {} rejected: {} for product {} SKU {}", order.orderId(), rejected.reason(),
						rejected.productId(), rejected.skuId());
			}
		}
	}

	/**
	 * Writes what the run took: a conditional UPDATE per product and SKU (each must
	 * succeed under the lock; one that does not rolls the run back), the reservation rows
	 * in one statement; after the commit the cached products are evicted and what has
	 * nothing left is marked sold out.
	 */
	private void write(StockLedger ledger, List<StockMapper.ReservedRow> rows) {
		ledger.takenByProduct().forEach((productId, units) -> {
			if (this.products.take(productId, units) != 1) {
				throw new IllegalStateException("Product " + productId + " changed under its lock");
			}
			this.evictions.afterCommit(productId);
		});
		ledger.takenBySku().forEach((skuId, units) -> {
			if (this.products.takeSku(skuId, ledger.productOf(skuId), units) != 1) {
				throw new IllegalStateException("SKU " + skuId + " changed under its product's lock");
			}
		});
		if (!rows.isEmpty()) {
			this.stock.insertReserved(rows, ReservationStatus.RESERVED);
		}
		ledger.emptyProducts().forEach(this.soldOut::markAfterCommit);
		ledger.emptySkus().forEach(this.soldOut::markSkuAfterCommit);
	}

	/** An OrderCancelled or OrderExpired event, with the trace it belongs to. */
	record Closing(String eventId, String orderId, Map<String, String> trace) {
	}

	/**
	 * Returns what a cancelled or expired order holds, once; publishes StockReleased when
	 * anything was returned.
	 */
	void release(String eventId, String orderId) {
		release(List.of(new Closing(eventId, orderId, Map.of())));
	}

	/**
	 * Returns what a run of cancelled or expired orders hold, in one transaction, each
	 * once; publishes StockReleased for each that held anything. A crowd's unpaid orders
	 * all expire within a minute of each other, a payment window after the crowd: one
	 * product lock per run instead of one per order keeps that from stalling new buyers'
	 * reservations of the same product.
	 */
	void release(List<Closing> run) {
		List<ReleaseOutcome> outcomes = this.transactions.execute((tx) -> releaseInOneTransaction(run));
		for (ReleaseOutcome outcome : outcomes) {
			this.meters.counter("minibase.catalog.releases", "outcome", outcome.tag()).increment();
		}
	}

	private List<ReleaseOutcome> releaseInOneTransaction(List<Closing> run) {
		Set<String> fresh = this.processed.firstTimes(CONSUMER, run.stream().map(Closing::eventId).toList());
		Map<String, Closing> todo = new LinkedHashMap<>();
		// the closings to apply, by position (one event delivered twice is two equal
		// closings); the others were delivered before, or close an order closed earlier
		// in the run
		BitSet applied = new BitSet(run.size());
		for (int i = 0; i < run.size(); i++) {
			Closing closing = run.get(i);
			if (fresh.remove(closing.eventId()) && todo.putIfAbsent(closing.orderId(), closing) == null) {
				applied.set(i);
			}
		}
		if (todo.isEmpty()) {
			return outcomes(run, applied, Map.of());
		}
		Set<String> known = new HashSet<>(this.stock.withReservations(todo.keySet()));
		List<String> unknown = todo.keySet().stream().filter((orderId) -> !known.contains(orderId)).toList();
		if (!unknown.isEmpty()) {
			// closed before anything was reserved: a late OrderPlaced must not reserve
			this.stock.insertClosed(unknown, StockMapper.ClosedMarker.ROW);
		}
		Map<String, List<HeldByOrder>> held = new LinkedHashMap<>();
		if (!known.isEmpty()) {
			this.stock.heldForAll(known, Move.RELEASE)
				.forEach((line) -> held.computeIfAbsent(line.orderId(), (id) -> new ArrayList<>()).add(line));
		}
		if (!held.isEmpty()) {
			returnUnits(held.values().stream().flatMap(List::stream).toList());
			this.stock.closeAll(held.keySet(), Move.RELEASE);
		}
		held.forEach((orderId, lines) -> this.traces.within(todo.get(orderId).trace(), "release stock",
				() -> this.outbox.append(StockEvents.TOPIC, StockReleased.TYPE, orderId, released(orderId, lines))));
		return outcomes(run, applied, held);
	}

	private static List<ReleaseOutcome> outcomes(List<Closing> run, BitSet applied,
			Map<String, List<HeldByOrder>> held) {
		List<ReleaseOutcome> outcomes = new ArrayList<>(run.size());
		for (int i = 0; i < run.size(); i++) {
			outcomes.add(applied.get(i) ? ReleaseOutcome.of(held.containsKey(run.get(i).orderId()))
					: ReleaseOutcome.DUPLICATE);
		}
		return outcomes;
	}

	/**
	 * Returns what a paid order bought, once, when its whole payment went back before it
	 * was shipped; publishes StockReleased when anything was returned.
	 */
	void restock(String eventId, String orderId) {
		RestockOutcome outcome = this.transactions.execute((tx) -> {
			if (!this.processed.firstTime(CONSUMER, eventId)) {
				return RestockOutcome.DUPLICATE;
			}
			List<HeldByOrder> sold = this.stock.soldFor(orderId, Move.RETURN);
			if (sold.isEmpty()) {
				return RestockOutcome.NOTHING_SOLD;
			}
			returnUnits(sold);
			this.stock.close(orderId, Move.RETURN);
			this.outbox.append(StockEvents.TOPIC, StockReleased.TYPE, orderId, released(orderId, sold));
			return RestockOutcome.RETURNED;
		});
		this.meters.counter("minibase.catalog.releases", "outcome", outcome.tag()).increment();
	}

	private static StockReleased released(String orderId, List<HeldByOrder> lines) {
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
				this.stock.close(orderId, Move.SELL);
			}
		});
	}

	/**
	 * Gives back held units, product by product (each product's row locked before its
	 * SKUs', all in id order); a SKU deleted since gives nothing back, so its product's
	 * stock stays the sum of its SKUs'.
	 */
	private void returnUnits(List<HeldByOrder> held) {
		Map<Long, Map<Long, Integer>> byProduct = new TreeMap<>();
		held.forEach((line) -> byProduct.computeIfAbsent(line.productId(), (id) -> new TreeMap<>())
			.merge(line.skuId(), line.quantity(), Integer::sum));
		this.products.lockProducts(byProduct.keySet());
		for (Map.Entry<Long, Map<Long, Integer>> product : byProduct.entrySet()) {
			long productId = product.getKey();
			int returned = 0;
			for (Map.Entry<Long, Integer> sku : product.getValue().entrySet()) {
				if (this.products.giveBackSku(sku.getKey(), productId, sku.getValue()) == 1) {
					returned += sku.getValue();
					this.soldOut.clearSkuAfterCommit(sku.getKey());
				}
			}
			this.products.giveBack(productId, returned);
			this.evictions.afterCommit(productId);
			this.soldOut.clearAfterCommit(productId);
		}
	}

}
