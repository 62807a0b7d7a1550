package io.minibase.order.aftersale;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import io.minibase.order.buyer.Caller;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A buyer's after-sales of their order (api.md, Fulfilment); the caller is the token's
 * subject, and another user's order is 404.
 */
@RestController
@RequestMapping("/api/orders/{orderId}/after-sales")
class AfterSaleController {

	private final AfterSales afterSales;

	AfterSaleController(AfterSales afterSales) {
		this.afterSales = afterSales;
	}

	/** Asks the shop for an after-sale: 201 REQUESTED. */
	@PostMapping
	ResponseEntity<AfterSaleView> request(@AuthenticationPrincipal Jwt token, @PathVariable String orderId,
			@Valid @RequestBody RequestAfterSale request) {
		AfterSaleView requested = this.afterSales.request(Caller.userId(token), token.getTokenValue(), orderId,
				request);
		return ResponseEntity.created(URI.create("/api/orders/" + orderId + "/after-sales/" + requested.id()))
			.body(requested);
	}

	/** The order's after-sales, oldest first. */
	@GetMapping
	List<AfterSaleView> list(@AuthenticationPrincipal Jwt token, @PathVariable String orderId) {
		return this.afterSales.ofOrder(Caller.userId(token), orderId);
	}

}
