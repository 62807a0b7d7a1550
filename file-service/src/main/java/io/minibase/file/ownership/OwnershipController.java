package io.minibase.file.ownership;

import java.util.List;

import io.minibase.common.web.Ids;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/files/owned?ids=...}: which of these files the caller uploaded.
 * For other services, never routed by the gateway (internal, not api.md). The caller is
 * the user whose access token the calling service passes on (order-service relays the
 * buyer's): a service can ask about the user it serves, never about another, and no
 * secret of its own is needed.
 */
@RestController
@Validated
class OwnershipController {

	/** As many as any one request names (after-sales take 9 photos). */
	static final int MAX_IDS = 100;

	private final FileOwnership ownership;

	OwnershipController(FileOwnership ownership) {
		this.ownership = ownership;
	}

	@GetMapping("/internal/files/owned")
	Owned owned(@RequestParam @Size(max = MAX_IDS) List<String> ids, @AuthenticationPrincipal Jwt jwt) {
		String subject = (jwt != null) ? jwt.getSubject() : null;
		if (!Ids.isId(subject)) {
			throw new ErrorResponseException(HttpStatus.FORBIDDEN);
		}
		return new Owned(this.ownership.ownedBy(Long.parseLong(subject), ids));
	}

	/** The answer: the ids of the request that are the caller's. */
	record Owned(List<String> owned) {
	}

}
