package io.minibase.order.payment;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.order.payment.RefundMapper.NewRefund;
import io.minibase.order.payment.RefundMapper.RefundRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
 * other, each on what the other left. What a refund does to the order is the order's to
 * say ({@link PayableOrders}).
 */
@Service
public class Refunds {

	private static final Logger log = LoggerFactory.getLogger(Refunds.class);

	/** What the buyer reads of a refund of money that came after the order expired. */
	static final String DUE_REASON = "订单已超时关闭，款项原路退回";

	private final PayableOrders orders;

	private final RefundMapper refunds;

	private final PaymentProvider provider;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	Refunds(PayableOrders orders, RefundMapper refunds, PaymentProvider provider, TransactionTemplate transactions,
			MeterRegistry meters) {
		this.orders = orders;
		this.refunds = refunds;
		this.provider = provider;
		this.transactions = transactions;
		this.meters = meters;
	}

	/**
	 * An admin's refund of the order; WeChat Pay is asked at once (or later, if away).
	 */
	public RefundView refund(String id, RefundOrder request) {
		long orderId = this.orders.orderId(id);
		RefundRow created = this.transactions.execute((tx) -> decide(orderId, request.amountFen(), request.reason()));
		return started(created);
	}

	/**
	 * The buyer's paid order and what is left of its payment to refund, for a request
	 * decided in the caller's transaction: the order's payment row, its refunds and its
	 * row are locked in the order every refund takes them, so nothing refunds meanwhile
	 * until that transaction ends.
	 * @throws ErrorResponseException 404 unless it is the buyer's order, 409 unless it is
	 * paid, shipped or completed
	 */
	public Refundable lockRefundable(long userId, String id) {
		requireTransaction();
		long orderId = this.orders.owned(userId, id);
		Long paid = this.refunds.lockPaid(orderId);
		long committed = this.refunds.committed(orderId);
		long buyer = this.orders.lockForAfterSale(orderId);
		if (paid == null) {
			// paid, shipped or completed, yet no PAID payment row: nothing to refund
			throw this.orders.nothingToRefund(orderId);
		}
		return new Refundable(orderId, buyer, paid - committed);
	}

	/**
	 * Starts a refund of the order inside the caller's transaction, decided as an admin's
	 * is ({@link #refund}); the caller calls {@link #started(StartedRefund)} after the
	 * commit, which asks WeChat Pay. {@code amountFen} null: all that is left.
	 * @throws ErrorResponseException 409 when the order is no longer refundable
	 * @throws RefundExceedsPayment (409) when less is left than {@code amountFen}
	 */
	public StartedRefund startRefund(long orderId, Long amountFen, String reason) {
		requireTransaction();
		return StartedRefund.of(decide(orderId, amountFen, reason));
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Decided only inside the caller's transaction");
		}
	}

	/** Asks WeChat Pay for a refund started with {@link #startRefund}, once committed. */
	public RefundStatus started(StartedRefund refund) {
		return started(this.refunds.find(refund.rowId())).status();
	}

	private RefundView started(RefundRow created) {
		this.orders.changed(created.orderId());
		this.meters.counter("minibase.orders.refunds", "outcome", "requested").increment();
		return RefundView.of(submit(created));
	}

	/**
	 * Decides and writes a refund, with RefundRequested, in the caller's transaction. The
	 * locks first, so what follows is read once a concurrent refund (the payment row), a
	 * refund's result (its refund row) or a shipment (the order row) has committed; in
	 * the order the refund notify takes them too.
	 */
	private RefundRow decide(long orderId, Long amountFen, String reason) {
		Long paid = this.refunds.lockPaid(orderId);
		if (paid == null) {
			throw this.orders.unpaid(orderId);
		}
		long committed = this.refunds.committed(orderId);
		// refused unless paid, shipped or completed (a partial refund moves nothing)
		this.orders.lockToRefund(orderId);
		long left = paid - committed;
		long amount = (amountFen != null) ? amountFen : left;
		if (amount <= 0 || amount > left) {
			throw new RefundExceedsPayment(left);
		}
		NewRefund row = new NewRefund(orderId, amount, reason);
		this.refunds.insert(row);
		if (amount == left) {
			this.orders.refundingWholly(orderId);
		}
		this.orders.refundRequested(orderId, RefundRow.refundNo(row.getId()), amount, reason);
		return this.refunds.find(row.getId());
	}

	/**
	 * Asks WeChat Pay for the refund. Away: it stays unsubmitted and reconciliation asks
	 * again; refused: the refund is ABNORMAL and a whole one leaves the order PAID.
	 */
	RefundRow submit(RefundRow refund) {
		long totalFen = this.orders.totalFen(refund.orderId()).orElseThrow();
		try {
			this.provider.refund(new RefundRequest(refund.refundNo(), String.valueOf(refund.orderId()),
					refund.amountFen(), totalFen, refund.reason()));
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
	 * meanwhile: REFUND_DUE); returns how many refunds it asked for. Public: the
	 * service's tests run a round by hand.
	 */
	public int refundDue(int limit) {
		int asked = 0;
		for (long orderId : this.refunds.dueWithoutRefund(limit)) {
			RefundRow created = this.transactions.execute((tx) -> {
				Long paid = this.refunds.lockRefundDue(orderId);
				if (paid == null || this.refunds.committed(orderId) > 0) {
					// another instance got there first
					return null;
				}
				NewRefund row = new NewRefund(orderId, paid, DUE_REASON);
				this.refunds.insert(row);
				this.orders.refundRequested(orderId, RefundRow.refundNo(row.getId()), paid, DUE_REASON);
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
	 * ends the round. Returns how many were settled. Public: the service's tests run a
	 * round by hand.
	 */
	public int reconcile(long afterMillis, int limit) {
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

	/**
	 * The provider's result of a refund (its notify, or reconciliation), recorded once;
	 * recording it twice changes nothing.
	 */
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
		boolean applied = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			if (this.refunds.settle(refund.id(), status) == 0) {
				return false;
			}
			this.orders.lock(refund.orderId());
			if (status == RefundStatus.SUCCESS) {
				this.orders.refundSucceeded(refund.orderId(), this.refunds.succeeded(refund.orderId()));
			}
			else {
				log.error("Refund {} of order {} ended {}: the money did not go back", refund.refundNo(),
						refund.orderId(), status);
				this.orders.refundFailed(refund.orderId());
			}
			return true;
		}));
		if (applied) {
			this.orders.changed(refund.orderId());
		}
		return applied;
	}

	/**
	 * The refunds of an order, oldest first, as the API shows them (empty for orders that
	 * never had a payment refunded).
	 */
	public List<RefundView> ofOrder(long orderId) {
		return this.refunds.ofOrder(orderId).stream().map(RefundView::of).toList();
	}

	/** The refunds of several orders (a page), by order id. */
	public Map<Long, List<RefundView>> ofOrders(List<Long> orderIds) {
		return this.refunds.ofOrders(orderIds)
			.stream()
			.collect(
					Collectors.groupingBy(RefundRow::orderId, Collectors.mapping(RefundView::of, Collectors.toList())));
	}

	/** A buyer's paid order, and what is left of its payment to refund. */
	public record Refundable(long orderId, long userId, long refundableFen) {
	}

	/** A refund written and not yet sent to WeChat Pay; {@code refundId} is the API's. */
	public record StartedRefund(long rowId, String refundId, long orderId, long amountFen) {

		static StartedRefund of(RefundRow row) {
			return new StartedRefund(row.id(), row.refundNo(), row.orderId(), row.amountFen());
		}

	}

}
