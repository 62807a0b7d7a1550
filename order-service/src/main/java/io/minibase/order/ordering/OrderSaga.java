package io.minibase.order.ordering;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.ProcessedEvents;
import io.minibase.order.ordering.IncomingStockEvents.StockRejected;
import io.minibase.order.ordering.IncomingStockEvents.StockReserved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves a PENDING order on when catalog answers: StockReserved prices it and makes it
 * AWAITING_PAYMENT, StockRejected makes it REJECTED. Each answer is applied once (the
 * processed-event record shares the transaction) and only to a PENDING order: an order
 * cancelled or expired meanwhile stays so, and catalog returns what it reserved because
 * it sees the cancel after the placement on the same partition. An answer is applied
 * without reading the order: the UPDATE's guard on PENDING is {@link Order#reserve()}'s
 * and {@link Order#reject()}'s rule, in one statement per answer.
 */
@Service
class OrderSaga {

	static final String CONSUMER = "saga";

	private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

	private final OrderMapper orders;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final OrderChanges changes;

	private final JsonMapper json;

	OrderSaga(OrderMapper orders, ProcessedEvents processed, TransactionTemplate transactions, MeterRegistry meters,
			OrderChanges changes, JsonMapper json) {
		this.json = json;
		this.orders = orders;
		this.processed = processed;
		this.transactions = transactions;
		this.meters = meters;
		this.changes = changes;
	}

	void reserved(String eventId, StockReserved reserved) {
		long orderId = Long.parseLong(reserved.orderId());
		boolean moved = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			if (!this.processed.firstTime(CONSUMER, eventId)
					|| this.orders.reserved(orderId, Order.AWAITING_STOCK, reserved.totalFen()) == 0) {
				return false;
			}
			for (StockReserved.Line line : reserved.lines()) {
				this.orders.priceLine(orderId, line.productId(), line.skuId(),
						(line.specs() != null) ? this.json.writeValueAsString(line.specs()) : null, line.name(),
						line.priceFen());
			}
			return true;
		}));
		counted(moved, OrderStatus.AWAITING_PAYMENT, reserved.orderId());
	}

	void rejected(String eventId, StockRejected rejected) {
		long orderId = Long.parseLong(rejected.orderId());
		boolean moved = Boolean.TRUE
			.equals(this.transactions.execute((tx) -> this.processed.firstTime(CONSUMER, eventId)
					&& this.orders.rejected(orderId, Order.AWAITING_STOCK, rejected.reason()) == 1));
		counted(moved, OrderStatus.REJECTED, rejected.orderId());
	}

	private void counted(boolean moved, OrderStatus status, String orderId) {
		if (moved) {
			this.changes.announce(orderId);
			OrderTransitions.count(this.meters, status);
		}
		else {
			log.debug("Order {} not moved to {}: seen before or no longer PENDING", orderId, status);
		}
	}

}
