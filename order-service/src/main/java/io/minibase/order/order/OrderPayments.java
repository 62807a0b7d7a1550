package io.minibase.order.order;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.order.order.OrderEvents.OrderPaid;
import io.minibase.order.payment.PaymentNotification;
import io.minibase.order.payment.PaymentNotifications;
import io.minibase.order.payment.PaymentProvider;
import io.minibase.order.payment.Prepay;
import io.minibase.order.payment.PrepayRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
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

	private final OrderService service;

	private final OrderMapper orders;

	private final PaymentMapper payments;

	private final PaymentProvider provider;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final OrderChanges changes;

	OrderPayments(OrderService service, OrderMapper orders, PaymentMapper payments, PaymentProvider provider,
			Outbox outbox, TransactionTemplate transactions, JsonMapper json, MeterRegistry meters,
			OrderChanges changes) {
		this.changes = changes;
		this.service = service;
		this.orders = orders;
		this.payments = payments;
		this.provider = provider;
		this.outbox = outbox;
		this.transactions = transactions;
		this.json = json;
		this.meters = meters;
	}

	/** Opens (or re-opens) the payment of the caller's order awaiting payment. */
	Map<String, Object> pay(long userId, String id) {
		Order order = this.service.owned(userId, id);
		if (order.status() != OrderStatus.AWAITING_PAYMENT || !order.expiresAt().isAfter(Instant.now())) {
			throw new OrderStateConflict("Only an order awaiting payment, within its payment window, can be paid.",
					order.status());
		}
		Prepay prepay = this.provider.prepay(new PrepayRequest(String.valueOf(order.id()), order.totalFen(),
				"Order " + order.id(), String.valueOf(userId)));
		String parameters = this.json.writeValueAsString(prepay.clientParameters());
		if (this.payments.insert(order.id(), this.provider.name(), order.totalFen(), parameters) == 0) {
			this.payments.refresh(order.id(), parameters);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("orderId", String.valueOf(order.id()));
		answer.put("status", order.status().name());
		answer.put("totalFen", order.totalFen());
		answer.put("provider", this.provider.name());
		answer.put("prepayId", prepay.prepayId());
		answer.putAll(prepay.clientParameters());
		return answer;
	}

	@Override
	public void paid(PaymentNotification notification) {
		long orderId = Long.parseLong(notification.orderId());
		String outcome = this.transactions.execute((tx) -> {
			if (this.payments.confirm(orderId, notification.transactionId()) == 0) {
				return "duplicate";
			}
			if (this.orders.paid(orderId, notification.amountFen()) == 0) {
				this.payments.refundDue(orderId);
				return "refund-due";
			}
			Order order = this.orders.find(orderId);
			this.outbox.append(OrderEvents.TOPIC, OrderPaid.TYPE, String.valueOf(orderId),
					new OrderPaid(String.valueOf(orderId), String.valueOf(order.userId()), notification.amountFen(),
							notification.transactionId(), Instant.now()));
			return "paid";
		});
		this.meters.counter("minibase.orders.payments", "outcome", outcome).increment();
		if ("paid".equals(outcome)) {
			this.changes.announce(notification.orderId());
			this.meters.counter("minibase.orders.transitions", "status", OrderStatus.PAID.name()).increment();
		}
		else if ("refund-due".equals(outcome)) {
			log.warn("Payment {} arrived for order {} that is no longer awaiting payment; marked REFUND_DUE",
					notification.transactionId(), orderId);
		}
	}

}
