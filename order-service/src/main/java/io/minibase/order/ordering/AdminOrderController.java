package io.minibase.order.ordering;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.minibase.common.web.CursorPage;
import io.minibase.order.payment.RefundOrder;
import io.minibase.order.payment.RefundView;
import io.minibase.order.payment.Refunds;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an admin does to orders (api.md, Fulfilment); role ADMIN (SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/admin/orders")
@Validated
class AdminOrderController {

	private final OrderService orders;

	private final OrderFulfilment fulfilment;

	private final Refunds refunds;

	AdminOrderController(OrderService orders, OrderFulfilment fulfilment, Refunds refunds) {
		this.orders = orders;
		this.fulfilment = fulfilment;
		this.refunds = refunds;
	}

	/** Every buyer's orders, newest first; {@code q} is an order id or a buyer id. */
	@GetMapping
	CursorPage<OrderView> list(@RequestParam(required = false) OrderStatus status,
			@RequestParam(required = false) @Size(max = 64) String q,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) String cursor) {
		return this.orders.search(status, q, size, cursor);
	}

	/** Ships a paid order: 200 SHIPPED, 409 unless PAID. */
	@PostMapping("/{id}/ship")
	OrderView ship(@PathVariable String id, @Valid @RequestBody ShipOrder request) {
		return this.fulfilment.ship(id, request);
	}

	/** Refunds part or all of a paid order: 202, the money goes when WeChat Pay says. */
	@PostMapping("/{id}/refund")
	ResponseEntity<RefundView> refund(@PathVariable String id, @Valid @RequestBody RefundOrder request) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.refunds.refund(id, request));
	}

}
