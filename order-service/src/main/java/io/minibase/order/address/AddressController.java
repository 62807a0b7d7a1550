package io.minibase.order.address;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import io.minibase.order.buyer.Caller;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's delivery addresses (api.md, Cart and addresses); the gateway routes
 * {@code /api/users/me/addresses} here, the rest of {@code /api/users} to auth-service.
 */
@RestController
@RequestMapping("/api/users/me/addresses")
class AddressController {

	private final AddressBook book;

	AddressController(AddressBook book) {
		this.book = book;
	}

	@GetMapping
	List<AddressView> list(@AuthenticationPrincipal Jwt token) {
		return this.book.list(userId(token));
	}

	@PostMapping
	ResponseEntity<AddressView> add(@AuthenticationPrincipal Jwt token, @Valid @RequestBody AddressForm form) {
		AddressView added = this.book.add(userId(token), form);
		return ResponseEntity.created(URI.create("/api/users/me/addresses/" + added.id())).body(added);
	}

	@PutMapping("/{id}")
	AddressView update(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@Valid @RequestBody AddressForm form) {
		return this.book.update(userId(token), id, form);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		this.book.delete(userId(token), id);
		return ResponseEntity.noContent().build();
	}

	private static long userId(Jwt token) {
		return Caller.userId(token);
	}

}
