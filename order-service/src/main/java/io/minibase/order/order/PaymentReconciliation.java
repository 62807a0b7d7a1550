package io.minibase.order.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link OrderPayments#reconcile()} every
 * {@code order.payment.reconciliation.interval} on every instance (they split the work).
 */
@Component
class PaymentReconciliation {

	private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);

	private final OrderPayments payments;

	PaymentReconciliation(OrderPayments payments) {
		this.payments = payments;
	}

	@Scheduled(fixedDelayString = "${order.payment.reconciliation.interval}",
			initialDelayString = "${order.payment.reconciliation.interval}")
	void round() {
		try {
			int settled = this.payments.reconcile();
			if (settled > 0) {
				log.info("Reconciliation settled {} payments", settled);
			}
		}
		catch (RuntimeException ex) {
			// the next round asks again; nothing is lost while the database is away
			log.warn("Reconciliation failed: {}", ex.getMessage());
		}
	}

}
