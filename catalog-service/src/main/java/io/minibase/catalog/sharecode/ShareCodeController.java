package io.minibase.catalog.sharecode;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/catalog/products/{id}/share-code}: the PNG that opens the product's
 * page in the mini-program, served like a file: a strong ETag (its SHA-256; a matching
 * {@code If-None-Match} is a 304 from Spring MVC) and a public max-age of days, since a
 * code never changes for its product and page.
 */
@RestController
class ShareCodeController {

	private final ShareCodes codes;

	private final CacheControl caching;

	ShareCodeController(ShareCodes codes, ShareCodeProperties settings) {
		this.codes = codes;
		this.caching = CacheControl.maxAge(settings.maxAge()).cachePublic();
	}

	@GetMapping("/api/catalog/products/{id}/share-code")
	ResponseEntity<byte[]> shareCode(@PathVariable String id) {
		ShareCode code = this.codes.of(id);
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.eTag(code.sha256())
			.cacheControl(this.caching)
			.header("X-Content-Type-Options", "nosniff")
			.body(code.png());
	}

}
