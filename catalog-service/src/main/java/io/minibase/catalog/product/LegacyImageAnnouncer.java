package io.minibase.catalog.product;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.minibase.catalog.product.ProductImageMapper.LegacyImageReference;
import io.minibase.common.events.Outbox;
import io.minibase.common.web.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells file-service, once per product, which files it referenced by their old numbers
 * when file ids became random (ADR 17; the list V4 took), so that exactly those old URLs
 * keep working. Runs at each start until every row is told; one instance tells each row
 * (the conditional UPDATE), in the transaction of its event.
 */
@Component
class LegacyImageAnnouncer {

	private static final Logger log = LoggerFactory.getLogger(LegacyImageAnnouncer.class);

	static final String TYPE = "catalog.LegacyImagesReferenced.v1";

	private static final int BATCH = 100;

	private final ProductImageMapper images;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	LegacyImageAnnouncer(ProductImageMapper images, Outbox outbox, TransactionTemplate transactions, JsonMapper json) {
		this.images = images;
		this.outbox = outbox;
		this.transactions = transactions;
		this.json = json;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		try {
			int told = announce();
			if (told > 0) {
				log.info("Told file-service the old file ids of {} products (ADR 17)", told);
			}
		}
		catch (RuntimeException ex) {
			// the rest is told at the next start; until then those old URLs are 404
			log.warn("Could not tell file-service every product's old file ids: {}", ex.toString());
		}
	}

	/** Tells every row not told yet; the number this instance told. */
	int announce() {
		return ListedRows.announceEach(this.images::findUnannounced, BATCH, this.transactions, this::tell);
	}

	private boolean tell(LegacyImageReference reference) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		if (this.images.markAnnounced(reference.productId(), now) != 1) {
			return false; // another instance did
		}
		List<String> numbers = ImageFileIds.read(this.json, reference.imageFileIds())
			.stream()
			.filter(Ids::isId)
			.distinct()
			.toList();
		if (numbers.isEmpty()) {
			return false;
		}
		String productId = String.valueOf(reference.productId());
		this.outbox.append(ProductChanged.TOPIC, TYPE, productId, new LegacyImagesReferenced(productId, numbers, now));
		return true;
	}

	/**
	 * Event {@code catalog.LegacyImagesReferenced.v1} on {@code catalog.products.v1}.
	 */
	record LegacyImagesReferenced(String productId, List<String> fileIds, Instant at) {
	}

}
