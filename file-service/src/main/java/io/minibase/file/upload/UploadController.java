package io.minibase.file.upload;

import java.io.IOException;

import io.minibase.common.web.Ids;
import io.minibase.file.stored.StoredFile;
import io.minibase.file.stored.Visibility;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Upload, by signed-in users: the file and who may see it ({@code visibility}). Delivery
 * is DeliveryController's, on the same path.
 */
@RestController
@RequestMapping("/api/files")
class UploadController {

	private final Uploads uploads;

	UploadController(Uploads uploads) {
		this.uploads = uploads;
	}

	/**
	 * Stores an upload; the multipart field {@code visibility} ({@code public}, the
	 * default, or {@code private}) says who may see it.
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<FileView> upload(@RequestPart("file") MultipartFile file,
			@RequestParam(name = "visibility", required = false) String visibility, @AuthenticationPrincipal Jwt jwt)
			throws IOException {
		Visibility chosen = Visibility.parse(visibility).orElseThrow(UnknownVisibility::new);
		StoredFile stored = this.uploads.upload(ownerId(jwt), file, isAdmin(jwt), chosen);
		return ResponseEntity.status(HttpStatus.CREATED)
			.header(HttpHeaders.LOCATION, stored.id().url())
			.body(FileView.of(stored));
	}

	private static boolean isAdmin(Jwt jwt) {
		java.util.List<String> roles = (jwt != null) ? jwt.getClaimAsStringList("roles") : null;
		return roles != null && roles.contains("ADMIN");
	}

	private static long ownerId(Jwt jwt) {
		String subject = (jwt != null) ? jwt.getSubject() : null;
		if (!Ids.isId(subject)) {
			throw new ErrorResponseException(HttpStatus.FORBIDDEN);
		}
		return Long.parseLong(subject);
	}

}
