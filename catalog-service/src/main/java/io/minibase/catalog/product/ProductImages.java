package io.minibase.catalog.product;

import java.util.List;

import io.minibase.common.events.ProcessedEvents;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products stop showing a file WeChat's media check rejected (file-service never serves
 * it again, 410): it leaves their {@code imageFileIds}, each such product is written anew
 * (version, {@code ProductChanged}, cache) as an admin write would be.
 */
@Service
class ProductImages {

	static final String CONSUMER = "rejected-images";

	private final ProductImageMapper images;

	private final ProductService products;

	private final ProcessedEvents processed;

	private final JsonMapper json;

	ProductImages(ProductImageMapper images, ProductService products, ProcessedEvents processed, JsonMapper json) {
		this.images = images;
		this.products = products;
		this.processed = processed;
		this.json = json;
	}

	/** Drops the file from every product showing it; each event once. */
	@Transactional
	void dropRejected(String eventId, String fileId) {
		if (!this.processed.firstTime(CONSUMER, eventId)) {
			return;
		}
		for (Product product : this.images.findShowing(fileId)) {
			List<String> shown = ImageFileIds.read(this.json, product.imageFileIds());
			List<String> kept = shown.stream().filter((id) -> !id.equals(fileId)).toList();
			if (kept.size() == shown.size()) {
				continue;
			}
			if (this.images.replaceImages(product.id(), this.json.writeValueAsString(kept), product.version()) == 0) {
				// an admin wrote it in between: this event is delivered again and reads
				// it anew
				throw new IllegalStateException("Product " + product.id() + " changed while its images were dropped");
			}
			this.products.written(product.id());
		}
	}

}
