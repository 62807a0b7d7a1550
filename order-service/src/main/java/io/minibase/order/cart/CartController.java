package io.minibase.order.cart;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.minibase.order.buyer.Caller;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's cart (api.md, Cart and addresses); the caller is the token's subject. */
@RestController
@RequestMapping("/api/cart")
class CartController {

	private final Cart cart;

	CartController(Cart cart) {
		this.cart = cart;
	}

	/** How many of a SKU the cart is to hold; 0 removes it. */
	record Quantity(@NotNull @Min(0) @Max(999) Integer quantity) {
	}

	@GetMapping
	CartView get(@AuthenticationPrincipal Jwt token) {
		return this.cart.view(Caller.userId(token));
	}

	@PutMapping("/items/{skuId}")
	CartView put(@AuthenticationPrincipal Jwt token, @PathVariable String skuId,
			@Valid @RequestBody Quantity quantity) {
		return this.cart.put(Caller.userId(token), skuId, quantity.quantity());
	}

	@DeleteMapping("/items/{skuId}")
	CartView remove(@AuthenticationPrincipal Jwt token, @PathVariable String skuId) {
		return this.cart.remove(Caller.userId(token), skuId);
	}

}
