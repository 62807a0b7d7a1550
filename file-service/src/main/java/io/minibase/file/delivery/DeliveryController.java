package io.minibase.file.delivery;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.minibase.common.web.Ids;
import io.minibase.file.stored.StoredFile;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * Delivery: public files to anyone, private ones to their owner and admins only, see
 * {@link StoredFile#deliveryTo}. A file's bytes never change under its id, so delivery is
 * cacheable for a year by browsers and CDNs ({@code immutable}), with a strong ETag from
 * the content hash for revalidation and byte ranges for resumed downloads (Spring MVC
 * answers {@code Range} on a {@link Resource} body with 206).
 */
@RestController
@RequestMapping("/api/files")
class DeliveryController {

	private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	/** A file under check: its owner's copy only, never kept by a shared cache. */
	private static final CacheControl UNDER_CHECK = CacheControl.noStore().cachePrivate();

	/**
	 * A private file, to its owner: their own client may keep it but asks again each time
	 * (304 with the ETag), with the token that shows it is still theirs; no shared cache
	 * keeps it.
	 */
	private static final CacheControl OWNERS_ONLY = CacheControl.noCache().cachePrivate();

	private final FileDelivery files;

	private final ImageVariants variants;

	DeliveryController(FileDelivery files, ImageVariants variants) {
		this.files = files;
		this.variants = variants;
	}

	@GetMapping("/{id}")
	ResponseEntity<Resource> get(@PathVariable String id,
			@RequestParam(name = "w", required = false) @Min(16) @Max(2048) Integer width,
			@RequestParam(name = "review", required = false) String reviewToken, @AuthenticationPrincipal Jwt jwt,
			WebRequest request) throws IOException {
		StoredFile file = this.files.find(id);
		CacheControl cache = switch (file.deliveryTo(readerId(jwt), isAdmin(jwt), reviewToken)) {
			case TO_ALL -> FOREVER;
			case TO_ITS_OWNER -> OWNERS_ONLY;
			case UNDER_CHECK -> UNDER_CHECK;
			case HIDDEN -> throw new FileNotFound();
			case GONE -> throw new FileGone();
		};
		Optional<Integer> scaled = (width != null) ? this.variants.widthFor(file, width) : Optional.empty();
		String etag = "\"" + file.sha256() + scaled.map((w) -> "-w" + w).orElse("") + "\"";
		if (request.checkNotModified(etag)) {
			// before the copy is read or made
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).cacheControl(cache).build();
		}
		Optional<Resource> body = scaled.isPresent() ? this.variants.variant(file, scaled.get()) : Optional.empty();
		if (body.isEmpty()) {
			body = this.files.original(file);
			if (scaled.isPresent()) {
				etag = "\"" + file.sha256() + "\"";
			}
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.eTag(etag)
			.cacheControl(cache)
			.header("X-Content-Type-Options", "nosniff")
			.body(body.orElseThrow(FileNotFound::new));
	}

	/** The caller's user id; {@code null} without a token (or with one for no user). */
	private static Long readerId(Jwt jwt) {
		String subject = (jwt != null) ? jwt.getSubject() : null;
		return Ids.isId(subject) ? Long.valueOf(subject) : null;
	}

	private static boolean isAdmin(Jwt jwt) {
		java.util.List<String> roles = (jwt != null) ? jwt.getClaimAsStringList("roles") : null;
		return roles != null && roles.contains("ADMIN");
	}

}
