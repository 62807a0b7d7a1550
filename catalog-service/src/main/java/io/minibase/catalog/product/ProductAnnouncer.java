package io.minibase.catalog.product;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.minibase.common.events.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces once more, with a {@code ProductChanged} as a write would, each product V8
 * listed: those written before order-service's copy of the catalog existed or before
 * their events carried SKUs, which the cart could not price until an admin edited them.
 * Runs at each start until every row is announced; one instance announces each row (the
 * conditional UPDATE), in the transaction of its event, with the product as it is then.
 */
@Component
class ProductAnnouncer {

	private static final Logger log = LoggerFactory.getLogger(ProductAnnouncer.class);

	private static final int BATCH = 100;

	private final ProductAnnouncementMapper announcements;

	private final ProductMapper products;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	ProductAnnouncer(ProductAnnouncementMapper announcements, ProductMapper products, Outbox outbox,
			TransactionTemplate transactions) {
		this.announcements = announcements;
		this.products = products;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		try {
			int announced = announce();
			if (announced > 0) {
				log.info("Announced {} products written before order-service's copy knew their SKUs", announced);
			}
		}
		catch (RuntimeException ex) {
			// the rest at the next start; until then the cart cannot price those
			log.warn("Could not announce every product to order-service's copy: {}", ex.toString());
		}
	}

	/** Announces every row not announced yet; the number this instance announced. */
	int announce() {
		return ListedRows.announceEach(this.announcements::findUnannounced, BATCH, this.transactions,
				this::announceOne);
	}

	private boolean announceOne(long id) {
		if (this.announcements.markAnnounced(id, Instant.now().truncatedTo(ChronoUnit.MILLIS)) != 1) {
			return false; // another instance did
		}
		Product product = this.products.findById(id);
		if (product == null) {
			return false; // products are never deleted; nothing to announce if one were
		}
		this.outbox.append(ProductChanged.TOPIC, ProductChanged.TYPE, String.valueOf(id),
				ProductChanged.of(product.withSkus(this.products.skusOf(id))));
		return true;
	}

}
