package io.minibase.order.order;

import java.net.URI;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's orders (api.md, Orders). The caller is the token's subject. */
@RestController
@RequestMapping("/api/orders")
@Validated
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final OrderService orders;

	private final OrderPayments payments;

	OrderController(OrderService orders, OrderPayments payments) {
		this.orders = orders;
		this.payments = payments;
	}

	/**
	 * Places an order; a replay of the same key and body answers the same order again
	 * (201, with {@code Idempotent-Replayed: true}).
	 */
	@PostMapping
	ResponseEntity<OrderView> place(@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
			@Valid @RequestBody PlaceOrder request) {
		if (key == null || !key.matches("[\\x21-\\x7E]{8,64}")) {
			throw new InvalidOrder("The header Idempotency-Key is required: 8 to 64 visible ASCII characters,"
					+ " new for each new order (a UUID will do).");
		}
		OrderService.Placed placed = this.orders.place(userId(token), key, request);
		return ResponseEntity.created(URI.create("/api/orders/" + placed.order().id()))
			.header("Idempotent-Replayed", String.valueOf(placed.replayed()))
			.body(placed.order());
	}

	@GetMapping("/{id}")
	OrderView get(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		return this.orders.find(userId(token), id);
	}

	@GetMapping
	OrderView.Page list(@AuthenticationPrincipal Jwt token, @RequestParam(required = false) OrderStatus status,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) String cursor) {
		return this.orders.page(userId(token), status, size, cursor);
	}

	@PostMapping("/{id}/cancel")
	OrderView cancel(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		return this.orders.cancel(userId(token), id);
	}

	@PostMapping("/{id}/pay")
	Map<String, Object> pay(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		return this.payments.pay(userId(token), id);
	}

	private static long userId(Jwt token) {
		return OrderService.parseId(token.getSubject()).orElseThrow(NotABuyer::new);
	}

}
