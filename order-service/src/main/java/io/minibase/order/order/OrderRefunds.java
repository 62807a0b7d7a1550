package io.minibase.order.order;

import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.order.order.OrderEvents.OrderRefunded;
import io.minibase.order.order.OrderEvents.RefundRequested;
import io.minibase.order.order.RefundMapper.NewRefund;
import io.minibase.order.order.RefundMapper.RefundRow;
import io.minibase.order.payment.PaymentProvider;
import io.minibase.order.payment.RefundNotifications;
import io.minibase.order.payment.RefundOutcome;
import io.minibase.order.payment.RefundRequest;
import io.minibase.order.payment.RefundStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Refunding paid orders, partly or wholly, never more than was paid in total: a refund is
 * decided while the order's payment row is locked, against the refunds that count, and
 * written with RefundRequested in one transaction; then WeChat Pay is asked (outside it),
 * and its refund notify records the result. A whole refund makes the order REFUNDING,
 * then REFUNDED (OrderRefunded); one that fails puts it back where it was (paid, shipped
 * or completed). Paid, shipped and completed orders are refundable; the order row is
 * locked while a refund is decided, so a shipment and a refund happen one after the
 * other, each on what the other left.
 */
@Service
class OrderRefunds implements RefundNotifications {

	private static final Logger log = LoggerFactory.getLogger(OrderRefunds.class);

	/** What the buyer reads of a refund of money that came after the order expired. */
	static final String DUE_REASON = "订单已超时关闭，款项原路退回";

	private final OrderMapper orders;

	private final RefundMapper refunds;

	private final PaymentProvider provider;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final OrderChanges changes;

	OrderRefunds(OrderMapper orders, RefundMapper refunds, PaymentProvider provider, Outbox outbox,
			TransactionTemplate transactions, MeterRegistry meters, OrderChanges changes) {
		this.orders = orders;
		this.refunds = refunds;
		this.provider = provider;
		this.outbox = outbox;
		this.transactions = transactions;
		this.meters = meters;
		this.changes = changes;
	}

	/**
	 * An admin's refund of the order; WeChat Pay is asked at once (or later, if away).
	 */
	RefundView refund(String id, RefundOrder request) {
		long orderId = OrderService.parseId(id).orElseThrow(OrderNotFound::new);
		RefundRow created = this.transactions.execute((tx) -> {
			// the locks first, so what follows is read once a concurrent refund (the
			// payment row), a refund's result (its refund row) or a shipment (the order
			// row) has committed; in the order the refund notify takes them too
			Long paid = this.refunds.lockPaid(orderId);
			if (paid == null) {
				Order unpaid = this.orders.find(orderId);
				if (unpaid == null) {
					throw new OrderNotFound();
				}
				throw new OrderStateConflict("Only a paid order can be refunded.", unpaid.status());
			}
			long committed = this.refunds.committed(orderId);
			Order order = this.orders.lock(orderId);
			// refused unless paid, shipped or completed (a partial refund moves nothing)
			OrderStatus whole = order.refundWholly();
			long left = paid - committed;
			long amount = (request.amountFen() != null) ? request.amountFen() : left;
			if (amount <= 0 || amount > left) {
				throw new RefundExceedsPayment(left);
			}
			NewRefund row = new NewRefund(orderId, amount, request.reason());
			this.refunds.insert(row);
			if (amount == left) {
				this.orders.moved(orderId, order.status(), whole);
			}
			this.outbox.append(OrderEvents.TOPIC, RefundRequested.TYPE, id,
					new RefundRequested(id, String.valueOf(order.userId()), RefundRow.refundNo(row.getId()), amount,
							request.reason(), Instant.now()));
			return this.refunds.find(row.getId());
		});
		this.changes.announce(id);
		this.meters.counter("minibase.orders.refunds", "outcome", "requested").increment();
		return RefundView.of(submit(created));
	}

	/**
	 * Asks WeChat Pay for the refund. Away: it stays unsubmitted and reconciliation asks
	 * again; refused: the refund is ABNORMAL and a whole one leaves the order PAID.
	 */
	RefundRow submit(RefundRow refund) {
		Order order = this.orders.find(refund.orderId());
		try {
			this.provider.refund(new RefundRequest(refund.refundNo(), String.valueOf(refund.orderId()),
					refund.amountFen(), order.totalFen(), refund.reason()));
			this.refunds.submitted(refund.id());
		}
		catch (ErrorResponseException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.SERVICE_UNAVAILABLE)) {
				log.warn("Refund {} of order {} not sent: WeChat Pay is unavailable; reconciliation sends it",
						refund.refundNo(), refund.orderId());
			}
			else {
				settled(refund, RefundStatus.ABNORMAL);
			}
		}
		return this.refunds.find(refund.id());
	}

	/**
	 * Refunds, wholly, the payments that arrived for orders no longer payable (expired
	 * meanwhile: REFUND_DUE); returns how many refunds it asked for.
	 */
	int refundDue(int limit) {
		int asked = 0;
		for (long orderId : this.refunds.dueWithoutRefund(limit)) {
			RefundRow created = this.transactions.execute((tx) -> {
				Long paid = this.refunds.lockRefundDue(orderId);
				if (paid == null || this.refunds.committed(orderId) > 0) {
					// another instance got there first
					return null;
				}
				Order order = this.orders.find(orderId);
				NewRefund row = new NewRefund(orderId, paid, DUE_REASON);
				this.refunds.insert(row);
				String id = String.valueOf(orderId);
				this.outbox.append(OrderEvents.TOPIC, RefundRequested.TYPE, id,
						new RefundRequested(id, String.valueOf(order.userId()), RefundRow.refundNo(row.getId()), paid,
								DUE_REASON, Instant.now()));
				return this.refunds.find(row.getId());
			});
			if (created != null) {
				log.info("Refunding the payment of order {}, which arrived after the order expired", orderId);
				this.meters.counter("minibase.orders.refunds", "outcome", "refund-due").increment();
				submit(created);
				asked++;
			}
		}
		return asked;
	}

	/**
	 * Sends the refunds WeChat Pay has not accepted yet; returns how many it accepted.
	 */
	int resubmit(long afterMillis, int limit) {
		int sent = 0;
		for (RefundRow refund : this.refunds.unsubmitted(afterMillis, limit)) {
			if (submit(refund).submitted()) {
				sent++;
			}
		}
		return sent;
	}

	/**
	 * Asks WeChat Pay about accepted refunds whose notify has not come within
	 * {@code afterMillis}, and records what it says, as the notify would have; an outage
	 * ends the round. Returns how many were settled.
	 */
	int reconcile(long afterMillis, int limit) {
		int settled = 0;
		for (RefundRow refund : this.refunds.unconfirmed(afterMillis, limit)) {
			if (this.refunds.claim(refund.id(), afterMillis) == 0) {
				continue;
			}
			RefundStatus status;
			try {
				status = this.provider.refundStatus(refund.refundNo());
			}
			catch (ErrorResponseException ex) {
				log.warn("Refund reconciliation stopped at {}: the provider is unavailable", refund.refundNo());
				break;
			}
			if (status != RefundStatus.PROCESSING
					&& refunded(refund.refundNo(), status, refund.amountFen()) == RefundOutcome.APPLIED) {
				log.info("Reconciliation found refund {} of order {} {}: its notify had not come", refund.refundNo(),
						refund.orderId(), status);
				settled++;
			}
		}
		return settled;
	}

	@Override
	public RefundOutcome refunded(String refundNo, RefundStatus status, long amountFen) {
		Long id = RefundRow.idOf(refundNo);
		RefundRow refund = (id != null) ? this.refunds.find(id) : null;
		RefundOutcome outcome;
		if (refund == null) {
			outcome = RefundOutcome.UNKNOWN_REFUND;
		}
		else if (refund.amountFen() != amountFen) {
			outcome = RefundOutcome.AMOUNT_MISMATCH;
		}
		else if (status == RefundStatus.PROCESSING) {
			outcome = RefundOutcome.DUPLICATE;
		}
		else {
			outcome = settled(refund, status) ? RefundOutcome.APPLIED : RefundOutcome.DUPLICATE;
		}
		this.meters.counter("minibase.orders.refunds", "outcome", outcome.name().toLowerCase()).increment();
		return outcome;
	}

	/** Records the refund's result once; false when it was recorded before. */
	private boolean settled(RefundRow refund, RefundStatus status) {
		String orderId = String.valueOf(refund.orderId());
		boolean applied = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			if (this.refunds.settle(refund.id(), status) == 0) {
				return false;
			}
			Order order = this.orders.lock(refund.orderId());
			if (status == RefundStatus.SUCCESS) {
				long back = this.refunds.succeeded(refund.orderId());
				// only a paid (shipped, completed) or refunding order becomes REFUNDED:
				// an
				// expired order's late money going back leaves it CANCELLED
				if (back == order.totalFen() && order.status().paidFor()
						&& this.orders.moved(order.id(), order.status(), order.refunded()) == 1) {
					this.outbox.append(OrderEvents.TOPIC, OrderRefunded.TYPE, orderId,
							new OrderRefunded(orderId, String.valueOf(order.userId()), back, Instant.now()));
				}
			}
			else {
				log.error("Refund {} of order {} ended {}: the money did not go back", refund.refundNo(), orderId,
						status);
				if (order.status() == OrderStatus.REFUNDING) {
					this.orders.moved(order.id(), order.status(), order.refundFailed());
				}
			}
			return true;
		}));
		if (applied) {
			this.changes.announce(orderId);
		}
		return applied;
	}

}
