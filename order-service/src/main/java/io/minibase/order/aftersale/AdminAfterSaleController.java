package io.minibase.order.aftersale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.minibase.common.web.CursorPage;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the shop does with after-sales (api.md, Fulfilment); role ADMIN
 * (SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/admin/after-sales")
@Validated
class AdminAfterSaleController {

	private final AfterSales afterSales;

	AdminAfterSaleController(AfterSales afterSales) {
		this.afterSales = afterSales;
	}

	/** Every buyer's after-sales, newest first, optionally of one status. */
	@GetMapping
	CursorPage<AfterSaleView> list(@RequestParam(required = false) AfterSaleStatus status,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) String cursor) {
		return this.afterSales.page(status, size, cursor);
	}

	/** Approves a requested after-sale: 200 APPROVED, its refund started. */
	@PostMapping("/{id}/approve")
	AfterSaleView approve(@PathVariable String id) {
		return this.afterSales.approve(id);
	}

	/** Rejects a requested after-sale: 200 REJECTED. */
	@PostMapping("/{id}/reject")
	AfterSaleView reject(@PathVariable String id, @Valid @RequestBody RejectAfterSale request) {
		return this.afterSales.reject(id, request);
	}

}
