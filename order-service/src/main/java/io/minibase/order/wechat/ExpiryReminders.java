package io.minibase.order.wechat;

import java.time.Instant;
import java.util.List;

import io.minibase.common.events.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trigger of the "about to expire" message: a durable sweep beside the expiry's own
 * (OrderExpiry), looking for unpaid orders within {@code order.wechat.reminder.before} of
 * their {@code expires_at}. Each one found gets a reminder row and an
 * {@code OrderExpiryNeared} event in one transaction, so it is reminded once, whichever
 * instance found it, and the message itself is sent by the consumer of
 * {@code order.orders.v1} with the same retries and dead letters as every other. Rows are
 * claimed with {@code SKIP LOCKED}, so instances sweep at once without waiting on each
 * other. A sweep rather than a delayed event because Kafka has no delayed delivery, and
 * the due time is already a column that a restart keeps.
 */
@Component
class ExpiryReminders {

	private static final Logger log = LoggerFactory.getLogger(ExpiryReminders.class);

	private final NoticeMapper notices;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final WeChatNoticesProperties settings;

	ExpiryReminders(NoticeMapper notices, Outbox outbox, TransactionTemplate transactions,
			WeChatNoticesProperties settings) {
		this.notices = notices;
		this.outbox = outbox;
		this.transactions = transactions;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${order.wechat.reminder.sweep-interval}",
			initialDelayString = "${order.wechat.reminder.sweep-interval}")
	void sweep() {
		if (!this.settings.messages().expiring().configured()) {
			return;
		}
		try {
			remindBatch();
		}
		catch (RuntimeException ex) {
			// the next sweep finds them again: nothing is written until it commits
			log.warn("Expiry reminder sweep failed, retrying in {}: {}", this.settings.reminder().sweepInterval(),
					ex.getMessage());
		}
	}

	/** Writes the reminders of one batch of orders about to expire; returns how many. */
	int remindBatch() {
		Integer reminded = this.transactions.execute((tx) -> {
			List<NoticeMapper.Expiring> due = this.notices.lockExpiring(this.settings.reminder().before().toSeconds(),
					this.settings.reminder().batchSize());
			for (NoticeMapper.Expiring order : due) {
				this.notices.reminded(order.id());
				String id = String.valueOf(order.id());
				this.outbox.append(WeChatEvents.TOPIC, WeChatEvents.OrderExpiryNeared.TYPE, id,
						new WeChatEvents.OrderExpiryNeared(id, String.valueOf(order.userId()), order.expiresAt(),
								Instant.now()));
			}
			return due.size();
		});
		return (reminded != null) ? reminded : 0;
	}

}
