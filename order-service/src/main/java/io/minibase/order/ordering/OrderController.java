package io.minibase.order.ordering;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.minibase.common.web.CursorPage;
import io.minibase.common.web.RequestAdmission;
import io.minibase.order.buyer.Caller;
import io.minibase.order.payment.Payments;

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

	private final Payments payments;

	private final OrderChanges changes;

	private final OrderFulfilment fulfilment;

	private final RequestAdmission admission;

	/** Reads an order again once its wait is over, off the thread that ended the wait. */
	private final Executor reads = Executors.newVirtualThreadPerTaskExecutor();

	OrderController(OrderService orders, Payments payments, OrderChanges changes, OrderFulfilment fulfilment,
			RequestAdmission admission) {
		this.fulfilment = fulfilment;
		this.orders = orders;
		this.payments = payments;
		this.changes = changes;
		this.admission = admission;
	}

	/**
	 * Places an order; a replay of the same key and body answers the same order again
	 * (201, with {@code Idempotent-Replayed: true}).
	 */
	@PostMapping
	CompletableFuture<ResponseEntity<OrderView>> place(@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String keyHeader,
			@RequestHeader(name = PreferWait.HEADER, required = false) String prefer,
			@Valid @RequestBody PlaceOrder request) {
		String key = IdempotencyKey.checked(keyHeader);
		request.checkItemsOrCart();
		long userId = userId(token);
		Optional<PreferWait> wait = PreferWait.from(prefer);
		if (wait.isEmpty()) {
			OrderService.Placed placed = this.orders.place(userId, key, request);
			return CompletableFuture
				.completedFuture(created(placed.order().id(), placed.replayed()).body(placed.order()));
		}
		Instant deadline = Instant.now().plus(wait.get().duration());
		OrderService.PlacedToWait placed = this.orders.placeToWait(userId, key, request, wait.get().duration());
		ResponseEntity.BodyBuilder created = created(placed.orderId(), placed.replayed()).header(PreferWait.APPLIED,
				wait.get().applied());
		CompletableFuture<OrderView> settled = (placed.changed() != null) ? placed.changed()
			.thenComposeAsync((ignored) -> awaitChangeAgain(userId, placed.orderId(), OrderStatus.PENDING, deadline),
					this.reads)
				: awaitChange(userId, placed.orderId(), OrderStatus.PENDING, deadline);
		return settled.thenApply(created::body);
	}

	private static ResponseEntity.BodyBuilder created(String orderId, boolean replayed) {
		return ResponseEntity.created(URI.create("/api/orders/" + orderId))
			.header("Idempotent-Replayed", String.valueOf(replayed));
	}

	/**
	 * The caller's order; with {@code Prefer: wait}, held while it is {@code PENDING}
	 * (with {@code paid=true}: while it is {@code AWAITING_PAYMENT}, for the payment
	 * notify) until it changes or the wait is up.
	 */
	@GetMapping("/{id}")
	CompletableFuture<ResponseEntity<OrderView>> get(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@RequestParam(defaultValue = "false") boolean paid,
			@RequestHeader(name = PreferWait.HEADER, required = false) String prefer) {
		long userId = userId(token);
		return PreferWait.from(prefer)
			.map((wait) -> whileOpen(userId, id, paid ? OrderStatus.AWAITING_PAYMENT : OrderStatus.PENDING, wait,
					ResponseEntity.ok()))
			.orElseGet(() -> CompletableFuture.completedFuture(ResponseEntity.ok(this.orders.find(userId, id))));
	}

	@GetMapping
	CursorPage<OrderView> list(@AuthenticationPrincipal Jwt token, @RequestParam(required = false) OrderStatus status,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) String cursor) {
		return this.orders.page(userId(token), status, size, cursor);
	}

	@PostMapping("/{id}/cancel")
	OrderView cancel(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		return this.orders.cancel(userId(token), id);
	}

	/** The buyer received their shipped order: 200 COMPLETED, 409 unless SHIPPED. */
	@PostMapping("/{id}/confirm-receipt")
	OrderView confirmReceipt(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		return this.fulfilment.confirmReceipt(userId(token), id);
	}

	@PostMapping("/{id}/pay")
	Map<String, Object> pay(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		return this.payments.pay(userId(token), id);
	}

	/**
	 * The order once it is no longer {@code open}, or as it is when the wait is up. No
	 * thread waits: the request is suspended until the order's change is announced
	 * (OrderChanges) or the time runs out.
	 */
	private CompletableFuture<ResponseEntity<OrderView>> whileOpen(long userId, String id, OrderStatus open,
			PreferWait wait, ResponseEntity.BodyBuilder answer) {
		answer.header(PreferWait.APPLIED, wait.applied());
		return awaitChange(userId, id, open, Instant.now().plus(wait.duration()))
			.thenApply((order) -> answer.body(order));
	}

	private CompletableFuture<OrderView> awaitChange(long userId, String id, OrderStatus open, Instant deadline) {
		Duration left = Duration.between(Instant.now(), deadline);
		// listening first, then reading: a change in between is not missed
		CompletableFuture<Void> changed = this.changes.next(id, left.isNegative() ? Duration.ZERO : left);
		OrderView now;
		try {
			now = this.orders.find(userId, id);
		}
		catch (RuntimeException ex) {
			changed.complete(null);
			throw ex;
		}
		if (now.status() != open || !Instant.now().isBefore(deadline)) {
			changed.complete(null);
			return CompletableFuture.completedFuture(now);
		}
		return changed.thenComposeAsync((ignored) -> awaitChangeAgain(userId, id, open, deadline), this.reads);
	}

	/**
	 * After a wait, off the request's thread and its admission permit: the read takes a
	 * permit again, so that a flash sale's thousand waiters, woken together, do not all
	 * reach for the pool at once.
	 */
	private CompletableFuture<OrderView> awaitChangeAgain(long userId, String id, OrderStatus open, Instant deadline) {
		return this.admission.call(() -> awaitChange(userId, id, open, deadline));
	}

	private static long userId(Jwt token) {
		return Caller.userId(token);
	}

}
