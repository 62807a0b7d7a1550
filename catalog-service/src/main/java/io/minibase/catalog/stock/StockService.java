package io.minibase.catalog.stock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.catalog.product.ProductEvictions;
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
		Object beforeAnyTake = tx.createSavepoint();
		List<StockReserved.Line> lines = new ArrayList<>();
		long total = 0;
		// one order's lines in product id order: two orders lock shared rows in the same
		// order and cannot deadlock on each other
		for (Map.Entry<String, Integer> line : merged(order).entrySet()) {
			String productId = line.getKey();
			int quantity = line.getValue();
			Optional<Long> id = parseId(productId);
			Optional<Reason> refused = id.isEmpty() ? Optional.of(Reason.PRODUCT_NOT_FOUND) : take(id.get(), quantity);
			if (refused.isPresent()) {
				tx.rollbackToSavepoint(beforeAnyTake);
				this.outbox.append(StockEvents.TOPIC, StockRejected.TYPE, order.orderId(),
						new StockRejected(order.orderId(), refused.get(), productId, Instant.now()));
				log.info("Order {} rejected: {} for product {}", order.orderId(), refused.get(), productId);
				return "rejected";
			}
			ProductState state = this.stock.state(id.get());
			if (state.stock() == 0) {
				// this order took the last units
				this.soldOut.markAfterCommit(state.id());
			}
			lines.add(new StockReserved.Line(productId, state.name(), state.priceFen(), quantity));
			total += state.priceFen() * quantity;
		}
		for (StockReserved.Line line : lines) {
			long productId = Long.parseLong(line.productId());
			this.stock.insert(order.orderId(), productId, line.quantity(), line.priceFen(), "RESERVED");
			this.evictions.afterCommit(productId);
		}
		this.outbox.append(StockEvents.TOPIC, StockReserved.TYPE, order.orderId(),
				new StockReserved(order.orderId(), lines, total, Instant.now()));
		return "reserved";
	}

	/** Takes the units, or says why not. */
	private Optional<Reason> take(long productId, int quantity) {
		if (this.stock.take(productId, quantity) == 1) {
			return Optional.empty();
		}
		ProductState state = this.stock.state(productId);
		if (state == null) {
			return Optional.of(Reason.PRODUCT_NOT_FOUND);
		}
		if (state.stock() == 0) {
			// a mark set after the last units went may have been lost: set again
			this.soldOut.markAfterCommit(productId);
		}
		return Optional.of("ON_SALE".equals(state.status()) ? Reason.INSUFFICIENT_STOCK : Reason.PRODUCT_OFF_SHELF);
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
				this.stock.insert(orderId, 0, 0, 0, "CLOSED");
				return "nothing-held";
			}
			List<HeldLine> held = this.stock.heldFor(orderId);
			if (held.isEmpty()) {
				return "nothing-held";
			}
			for (HeldLine line : held) {
				this.stock.giveBack(line.productId(), line.quantity());
				this.evictions.afterCommit(line.productId());
				this.soldOut.clearAfterCommit(line.productId());
			}
			this.stock.close(orderId, "RELEASED");
			this.outbox.append(StockEvents.TOPIC, StockReleased.TYPE, orderId,
					new StockReleased(orderId, held.stream()
						.map((line) -> new StockReleased.Line(String.valueOf(line.productId()), line.quantity()))
						.toList(), Instant.now()));
			return "released";
		});
		this.meters.counter("minibase.catalog.releases", "outcome", outcome).increment();
	}

	/** A paid order's units are sold: no later cancel can return them. */
	void sell(String eventId, String orderId) {
		this.transactions.executeWithoutResult((tx) -> {
			if (this.processed.firstTime(CONSUMER, eventId)) {
				this.stock.close(orderId, "SOLD");
			}
		});
	}

	/** Lines by product, quantities of a product named twice added up. */
	private static Map<String, Integer> merged(OrderPlaced order) {
		Map<String, Integer> lines = new TreeMap<>((a, b) -> {
			Optional<Long> x = parseId(a);
			Optional<Long> y = parseId(b);
			return (x.isPresent() && y.isPresent()) ? Long.compare(x.get(), y.get()) : a.compareTo(b);
		});
		for (OrderPlaced.Line line : order.items()) {
			lines.merge(line.productId(), line.quantity(), Integer::sum);
		}
		return lines;
	}

	private static Optional<Long> parseId(String id) {
		if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
			return Optional.empty();
		}
		return Optional.of(Long.parseLong(id));
	}

}
