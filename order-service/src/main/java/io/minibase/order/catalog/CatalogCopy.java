package io.minibase.order.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.minibase.common.events.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This service's copy of catalog's products and SKUs (ADR 14): names, specs, today's
 * prices and whether a product is on sale, fed by {@code catalog.ProductChanged.v1};
 * nothing here calls catalog-service. The cart shows it; catalog's reservation still
 * prices and decides every order.
 */
@Service
public class CatalogCopy {

	static final String CONSUMER = "catalog-copy";

	private static final Logger log = LoggerFactory.getLogger(CatalogCopy.class);

	private final CatalogCopyMapper copy;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	CatalogCopy(CatalogCopyMapper copy, ProcessedEvents processed, TransactionTemplate transactions, JsonMapper json) {
		this.copy = copy;
		this.processed = processed;
		this.transactions = transactions;
		this.json = json;
	}

	/** These SKUs by id, as far as the copy knows them. */
	public Map<String, CatalogSku> skus(Collection<String> skuIds) {
		if (skuIds.isEmpty()) {
			return Map.of();
		}
		return this.copy.skus(skuIds).stream().collect(Collectors.toMap(CatalogSku::skuId, Function.identity()));
	}

	/**
	 * Applies a product's change once, unless the copy holds a newer version of it (an
	 * older event replayed late); the product's SKUs are replaced by the event's. An
	 * event from before SKUs (none in it) keeps the SKUs the copy has.
	 */
	void changed(String eventId, ProductEvents.ProductChanged changed) {
		this.transactions.executeWithoutResult((tx) -> {
			if (!this.processed.firstTime(CONSUMER, eventId)) {
				return;
			}
			Long held = this.copy.lockVersion(changed.id());
			if (held != null && held >= changed.version()) {
				log.debug("Product {} version {} is not newer than the copy's {}", changed.id(), changed.version(),
						held);
				return;
			}
			this.copy.putProduct(changed.id(), changed.name(), changed.status(), changed.version());
			if (changed.skus() == null) {
				return;
			}
			this.copy.deleteSkus(changed.id());
			for (ProductEvents.ProductChanged.ChangedSku sku : changed.skus()) {
				this.copy.putSku(sku.id(), changed.id(), this.json.writeValueAsString(sku.specs()), sku.priceFen());
			}
		});
	}

}
