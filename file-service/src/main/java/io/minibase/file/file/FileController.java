package io.minibase.file.file;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartFile;

/**
 * Upload (signed-in users) and delivery (public). A file's bytes never change under its
 * id, so delivery is cacheable for a year by browsers and CDNs ({@code immutable}), with
 * a strong ETag from the content hash for revalidation and byte ranges for resumed
 * downloads (Spring MVC answers {@code Range} on a {@link Resource} body with 206).
 */
@RestController
@RequestMapping("/api/files")
class FileController {

	private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final FileService files;

	private final ImageVariants variants;

	FileController(FileService files, ImageVariants variants) {
		this.files = files;
		this.variants = variants;
	}

	static String url(long id) {
		return "/api/files/" + id;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<FileView> upload(@RequestPart("file") MultipartFile file, @AuthenticationPrincipal Jwt jwt)
			throws IOException {
		StoredFile stored = this.files.upload(ownerId(jwt), file);
		return ResponseEntity.status(HttpStatus.CREATED)
			.header(HttpHeaders.LOCATION, url(stored.id()))
			.body(FileView.of(stored));
	}

	@GetMapping("/{id}")
	ResponseEntity<Resource> get(@PathVariable String id,
			@RequestParam(name = "w", required = false) @Min(16) @Max(2048) Integer width, WebRequest request)
			throws IOException {
		StoredFile file = this.files.find(id);
		Optional<Integer> scaled = (width != null) ? this.variants.widthFor(file, width) : Optional.empty();
		String etag = "\"" + file.sha256() + scaled.map((w) -> "-w" + w).orElse("") + "\"";
		if (request.checkNotModified(etag)) {
			// before the copy is read or made
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).cacheControl(FOREVER).build();
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
			.cacheControl(FOREVER)
			.header("X-Content-Type-Options", "nosniff")
			.body(body.orElseThrow(FileNotFound::new));
	}

	private static long ownerId(Jwt jwt) {
		String subject = (jwt != null) ? jwt.getSubject() : null;
		if (subject == null || !subject.matches("[1-9][0-9]{0,17}")) {
			throw new ErrorResponseException(HttpStatus.FORBIDDEN);
		}
		return Long.parseLong(subject);
	}

}
