package io.minibase.order.order;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an admin does to orders (api.md, Fulfilment); role ADMIN (SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/admin/orders")
class AdminOrderController {

	private final OrderRefunds refunds;

	AdminOrderController(OrderRefunds refunds) {
		this.refunds = refunds;
	}

	/** Refunds part or all of a paid order: 202, the money goes when WeChat Pay says. */
	@PostMapping("/{id}/refund")
	ResponseEntity<RefundView> refund(@PathVariable String id, @Valid @RequestBody RefundOrder request) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.refunds.refund(id, request));
	}

}
