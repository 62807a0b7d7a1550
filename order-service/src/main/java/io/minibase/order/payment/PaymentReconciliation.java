package io.minibase.order.payment;

import io.minibase.order.config.OrderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Payments#reconcile()} and {@link Refunds#reconcile} (refunds whose notify
 * did not come), sends the refunds WeChat Pay did not accept ({@link Refunds#resubmit})
 * and refunds the payments of expired orders ({@link Refunds#refundDue}) every
 * {@code order.payment.reconciliation.interval} on every instance.
 */
@Component
class PaymentReconciliation {

	private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);

	private final Payments payments;

	private final Refunds refunds;

	private final OrderProperties settings;

	PaymentReconciliation(Payments payments, Refunds refunds, OrderProperties settings) {
		this.payments = payments;
		this.refunds = refunds;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${order.payment.reconciliation.interval}",
			initialDelayString = "${order.payment.reconciliation.interval}")
	void round() {
		try {
			OrderProperties.Reconciliation rounds = this.settings.payment().reconciliation();
			int settled = this.payments.reconcile()
					+ this.refunds.reconcile(rounds.unconfirmedAfter().toMillis(), rounds.batchSize());
			// a refund not accepted within a round's interval met an outage: send it
			// again
			int sent = this.refunds.resubmit(rounds.interval().toMillis(), rounds.batchSize());
			// money that came for an expired order goes back
			sent += this.refunds.refundDue(rounds.batchSize());
			if (settled + sent > 0) {
				log.info("Reconciliation settled {} payments and sent {} refunds", settled, sent);
			}
		}
		catch (RuntimeException ex) {
			// the next round asks again; nothing is lost while the database is away
			log.warn("Reconciliation failed: {}", ex.getMessage());
		}
	}

}
