package io.minibase.order.payment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.order.config.OrderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Paying an order: a prepay with the provider (outside any transaction: it is a remote
 * call), then the provider's paid notification, applied once per transaction id. Money
 * that arrives for an order no longer payable (expired meanwhile) is marked REFUND_DUE
 * instead of resurrecting the order. What the payment does to the order is the order's to
 * say ({@link PayableOrders}).
 */
@Service
public class Payments {

	private static final Logger log = LoggerFactory.getLogger(Payments.class);

	private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
	};

	private final PayableOrders orders;

	private final PaymentMapper payments;

	private final PaymentProvider provider;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final OrderProperties settings;

	Payments(PayableOrders orders, PaymentMapper payments, PaymentProvider provider, TransactionTemplate transactions,
			JsonMapper json, MeterRegistry meters, OrderProperties settings) {
		this.orders = orders;
		this.payments = payments;
		this.provider = provider;
		this.transactions = transactions;
		this.json = json;
		this.meters = meters;
		this.settings = settings;
	}

	/**
	 * Opens the payment of the caller's order awaiting payment; paying again answers the
	 * prepay order opened the first time, without asking the provider again.
	 */
	public Map<String, Object> pay(long userId, String id) {
		PayableOrders.Payable order = this.orders.payable(userId, id);
		String open = this.payments.openPrepay(order.orderId(), this.provider.name());
		Map<String, String> parameters;
		if (open != null) {
			parameters = this.json.readValue(open, PARAMETERS);
		}
		else {
			Prepay prepay = this.provider.prepay(new PrepayRequest(String.valueOf(order.orderId()), order.totalFen(),
					"Order " + order.orderId(), userId, order.expiresAt()));
			parameters = prepay.clientParameters();
			String stored = this.json.writeValueAsString(parameters);
			if (this.payments.insert(order.orderId(), this.provider.name(), prepay.prepayId(), order.totalFen(),
					stored) == 0) {
				this.payments.refresh(order.orderId(), this.provider.name(), prepay.prepayId(), stored);
			}
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("orderId", String.valueOf(order.orderId()));
		answer.put("status", order.status());
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
	 * Public: the service's tests run a round by hand.
	 * @return how many payments were settled (applied or closed)
	 */
	public int reconcile() {
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
				state = open.orderCancelled() ? this.provider.close(orderId) : this.provider.query(orderId);
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

	/**
	 * The provider's paid notification (its notify, or reconciliation), applied once per
	 * transaction id; applying it twice changes nothing.
	 */
	public PaymentOutcome paid(PaymentNotification notification) {
		long orderId = Long.parseLong(notification.orderId());
		OptionalLong totalFen = this.orders.totalFen(orderId);
		PaymentOutcome outcome;
		if (totalFen.isEmpty() || this.payments.status(orderId) == null) {
			outcome = PaymentOutcome.UNKNOWN_ORDER;
		}
		else if (totalFen.getAsLong() != notification.amountFen()) {
			outcome = PaymentOutcome.AMOUNT_MISMATCH;
		}
		else {
			outcome = this.transactions.execute((tx) -> {
				if (this.payments.confirm(orderId, notification.transactionId()) == 0) {
					return PaymentOutcome.DUPLICATE;
				}
				// paid when it no longer awaits payment (cancelled, expired): the money
				// goes back
				if (!this.orders.paid(orderId, notification.amountFen(), notification.transactionId())) {
					this.payments.refundDue(orderId);
					return PaymentOutcome.REFUND_DUE;
				}
				return PaymentOutcome.PAID;
			});
		}
		this.meters.counter("minibase.orders.payments", "outcome", outcome.tag()).increment();
		switch (outcome) {
			case PAID -> this.orders.paidCommitted(orderId);
			case REFUND_DUE ->
				log.warn("Payment {} arrived for order {} that is no longer awaiting payment; marked REFUND_DUE",
						notification.transactionId(), orderId);
			case AMOUNT_MISMATCH -> log.warn("Payment {} for order {} is for {} fen, not the order's {}; not applied",
					notification.transactionId(), orderId, notification.amountFen(), totalFen.getAsLong());
			default -> {
			}
		}
		return outcome;
	}

}
