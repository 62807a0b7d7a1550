package io.minibase.order.ordering;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.order.config.OrderProperties;
import io.minibase.order.ordering.OrderEvents.OrderPaid;
import io.minibase.order.payment.PaymentNotification;
import io.minibase.order.payment.PaymentNotifications;
import io.minibase.order.payment.PaymentOutcome;
import io.minibase.order.payment.PaymentState;
import io.minibase.order.payment.PaymentProvider;
import io.minibase.order.payment.Prepay;
import io.minibase.order.payment.PrepayRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Paying an order: a prepay with the provider (outside any transaction: it is a remote
 * call), then the provider's paid notification, applied once per transaction id. Money
 * that arrives for an order no longer payable (expired meanwhile) is marked REFUND_DUE
 * instead of resurrecting the order.
 */
@Service
class OrderPayments implements PaymentNotifications {

	private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);

	private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
	};

	private final OrderService service;

	private final OrderMapper orders;

	private final PaymentMapper payments;

	private final PaymentProvider provider;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final OrderChanges changes;

	private final OrderProperties settings;

	OrderPayments(OrderService service, OrderMapper orders, PaymentMapper payments, PaymentProvider provider,
			Outbox outbox, TransactionTemplate transactions, JsonMapper json, MeterRegistry meters,
			OrderChanges changes, OrderProperties settings) {
		this.changes = changes;
		this.settings = settings;
		this.service = service;
		this.orders = orders;
		this.payments = payments;
		this.provider = provider;
		this.outbox = outbox;
		this.transactions = transactions;
		this.json = json;
		this.meters = meters;
	}

	/**
	 * Opens the payment of the caller's order awaiting payment; paying again answers the
	 * prepay order opened the first time, without asking the provider again.
	 */
	Map<String, Object> pay(long userId, String id) {
		Order order = this.service.owned(userId, id);
		if (!order.payable() || !order.expiresAt().isAfter(Instant.now())) {
			throw new OrderStateConflict("Only an order awaiting payment, within its payment window, can be paid.",
					order.status());
		}
		String open = this.payments.openPrepay(order.id(), this.provider.name());
		Map<String, String> parameters;
		if (open != null) {
			parameters = this.json.readValue(open, PARAMETERS);
		}
		else {
			Prepay prepay = this.provider.prepay(new PrepayRequest(String.valueOf(order.id()), order.totalFen(),
					"Order " + order.id(), userId, order.expiresAt()));
			parameters = prepay.clientParameters();
			String stored = this.json.writeValueAsString(parameters);
			if (this.payments.insert(order.id(), this.provider.name(), prepay.prepayId(), order.totalFen(),
					stored) == 0) {
				this.payments.refresh(order.id(), this.provider.name(), prepay.prepayId(), stored);
			}
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("orderId", String.valueOf(order.id()));
		answer.put("status", order.status().name());
		answer.put("totalFen", order.totalFen());
		answer.put("provider", this.provider.name());
		// exactly the arguments of wx.requestPayment (api.md)
		answer.put("requestPayment", parameters);
		// the same, flat, as answered before api.md named requestPayment; kept for
		// clients
		// written against it until a versioned replacement exists
		answer.put("prepayId", parameters.get("package").substring("prepay_id=".length()));
		answer.putAll(parameters);
		return answer;
	}

	/**
	 * One round of reconciliation: asks the provider about open payments its notify has
	 * not confirmed. A cancelled or expired order's payment is closed (or, paid just
	 * before, applied: refund due); a paid one whose notify was lost is applied, so a
	 * lost notify never leaves a paid order unpaid. Each payment is claimed first, so
	 * instances split the work; an outage ends the round, the next one asks again.
	 * @return how many payments were settled (applied or closed)
	 */
	int reconcile() {
		OrderProperties.Reconciliation rounds = this.settings.payment().reconciliation();
		long after = rounds.unconfirmedAfter().toMillis();
		int settled = 0;
		for (PaymentMapper.Unsettled open : this.payments.unsettled(after, rounds.batchSize())) {
			if (this.payments.claim(open.orderId(), after) == 0) {
				continue;
			}
			String orderId = String.valueOf(open.orderId());
			PaymentState state;
			try {
				state = (open.orderStatus() == OrderStatus.CANCELLED) ? this.provider.close(orderId)
						: this.provider.query(orderId);
			}
			catch (ErrorResponseException ex) {
				log.warn("Reconciliation stopped at order {}: the provider is unavailable", orderId);
				break;
			}
			switch (state) {
				case PaymentState.Paid paid -> {
					PaymentOutcome outcome = paid(paid.notification());
					log.info("Reconciliation found the payment of order {} made ({}): its notify had not come", orderId,
							outcome.tag());
					this.meters.counter("minibase.payments.reconciled", "outcome", "paid").increment();
					settled++;
				}
				case PaymentState.Closed closed -> {
					this.payments.closed(open.orderId());
					this.meters.counter("minibase.payments.reconciled", "outcome", "closed").increment();
					settled++;
				}
				case PaymentState.Open stillOpen -> log.debug("Payment of order {} still open", orderId);
			}
		}
		return settled;
	}

	@Override
	public PaymentOutcome paid(PaymentNotification notification) {
		long orderId = Long.parseLong(notification.orderId());
		Order known = this.orders.find(orderId);
		PaymentOutcome outcome;
		if (known == null || this.payments.status(orderId) == null) {
			outcome = PaymentOutcome.UNKNOWN_ORDER;
		}
		else if (known.totalFen() != notification.amountFen()) {
			outcome = PaymentOutcome.AMOUNT_MISMATCH;
		}
		else {
			outcome = this.transactions.execute((tx) -> {
				if (this.payments.confirm(orderId, notification.transactionId()) == 0) {
					return PaymentOutcome.DUPLICATE;
				}
				// paid when it no longer awaits payment (cancelled, expired): the money
				// goes back
				if (!known.payable()
						|| this.orders.paid(orderId, known.status(), known.pay(), notification.amountFen()) == 0) {
					this.payments.refundDue(orderId);
					return PaymentOutcome.REFUND_DUE;
				}
				this.outbox.append(OrderEvents.TOPIC, OrderPaid.TYPE, String.valueOf(orderId),
						new OrderPaid(String.valueOf(orderId), String.valueOf(known.userId()), notification.amountFen(),
								notification.transactionId(), Instant.now()));
				return PaymentOutcome.PAID;
			});
		}
		this.meters.counter("minibase.orders.payments", "outcome", outcome.tag()).increment();
		switch (outcome) {
			case PAID -> {
				this.changes.announce(notification.orderId());
				OrderTransitions.count(this.meters, OrderStatus.PAID);
			}
			case REFUND_DUE ->
				log.warn("Payment {} arrived for order {} that is no longer awaiting payment; marked REFUND_DUE",
						notification.transactionId(), orderId);
			case AMOUNT_MISMATCH -> log.warn("Payment {} for order {} is for {} fen, not the order's {}; not applied",
					notification.transactionId(), orderId, notification.amountFen(), known.totalFen());
			default -> {
			}
		}
		return outcome;
	}

}
