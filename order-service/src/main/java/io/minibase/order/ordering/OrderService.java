package io.minibase.order.ordering;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.common.web.CursorPage;
import io.minibase.common.web.Ids;
import io.minibase.common.web.KeysetCursor;
import io.minibase.order.address.AddressBook;
import io.minibase.order.address.ShippingAddress;
import io.minibase.order.cart.Cart;
import io.minibase.order.catalog.SoldOutMarks;
import io.minibase.order.config.OrderProperties;
import io.minibase.order.ordering.Order.OrderLine;
import io.minibase.order.ordering.OrderEvents.OrderCancelled;
import io.minibase.order.ordering.OrderEvents.OrderPlaced;
import io.minibase.order.ordering.OrderMapper.ClaimedKey;
import io.minibase.order.ordering.OrderMapper.NewOrder;
import io.minibase.order.payment.RefundView;
import io.minibase.order.payment.Refunds;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Placing, reading and cancelling a user's orders. Placing never calls catalog: it writes
 * the PENDING order and its OrderPlaced event in one transaction, and the saga
 * ({@link OrderSaga}) moves it on when catalog answers; an order for a product catalog
 * has marked sold out ({@link SoldOutMarks}) is rejected in that transaction instead.
 */
@Service
class OrderService {

	/** The reason catalog gives when a product has too few units left. */
	static final String SOLD_OUT = "INSUFFICIENT_STOCK";

	private final OrderMapper orders;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final OrderProperties settings;

	private final MeterRegistry meters;

	private final OrderChanges changes;

	private final SoldOutMarks soldOut;

	private final Refunds refunds;

	private final AddressBook addressBook;

	private final Cart cart;

	OrderService(OrderMapper orders, Outbox outbox, TransactionTemplate transactions, JsonMapper json,
			OrderProperties settings, MeterRegistry meters, OrderChanges changes, SoldOutMarks soldOut, Refunds refunds,
			AddressBook addressBook, Cart cart) {
		this.cart = cart;
		this.addressBook = addressBook;
		this.refunds = refunds;
		this.soldOut = soldOut;
		this.changes = changes;
		this.orders = orders;
		this.outbox = outbox;
		this.transactions = transactions;
		this.json = json;
		this.settings = settings;
		this.meters = meters;
	}

	/** The order placed, and whether it was placed by an earlier call with this key. */
	record Placed(OrderView order, boolean replayed) {
	}

	/**
	 * An order placed for a caller who waits for its outcome: a new one, with its next
	 * change listened to since before it committed; or the order an earlier call with
	 * this key placed ({@code changed} null: the caller reads it and listens itself).
	 */
	record PlacedToWait(String orderId, boolean replayed, CompletableFuture<Void> changed) {
	}

	/**
	 * Places an order once per (user, key): a replay with the same body returns the first
	 * order, with another body it is refused.
	 */
	Placed place(long userId, String key, PlaceOrder request) {
		String hash = checkedHash(request);
		Placed earlier = replay(userId, key, hash);
		if (earlier != null) {
			// the usual retry: answered without a write
			return earlier;
		}
		try {
			long orderId = create(userId, key, hash, fromCart(userId, request), (id) -> {
			});
			return new Placed(view(this.orders.find(orderId)), false);
		}
		catch (DuplicateKeyException ex) {
			// a concurrent request with this key committed first
			Placed first = replay(userId, key, hash);
			if (first == null) {
				throw ex;
			}
			return first;
		}
	}

	/**
	 * Places an order as {@link #place} does, for a caller who then waits for it to
	 * settle ({@code Prefer: wait}): a new order's next change is listened to from inside
	 * the transaction that creates it, when it cannot have changed yet, so no change is
	 * missed and the order need not be read back now; the caller reads it once, when it
	 * has changed or the wait is up.
	 */
	PlacedToWait placeToWait(long userId, String key, PlaceOrder request, Duration atMost) {
		String hash = checkedHash(request);
		ClaimedKey claimed = this.orders.findKey(userId, key);
		if (claimed != null && claimed.orderId() != null) {
			return replayedToWait(claimed, hash);
		}
		AtomicReference<CompletableFuture<Void>> changed = new AtomicReference<>();
		try {
			long orderId = create(userId, key, hash, fromCart(userId, request),
					(id) -> changed.set(this.changes.next(String.valueOf(id), atMost)));
			// not listened to: rejected as sold out, settled already
			return new PlacedToWait(String.valueOf(orderId), false,
					(changed.get() != null) ? changed.get() : CompletableFuture.completedFuture(null));
		}
		catch (RuntimeException ex) {
			if (changed.get() != null) {
				// rolled back: nothing to wait for
				changed.get().complete(null);
			}
			ClaimedKey first = (ex instanceof DuplicateKeyException) ? this.orders.findKey(userId, key) : null;
			if (first == null || first.orderId() == null) {
				throw ex;
			}
			return replayedToWait(first, hash);
		}
	}

	private PlacedToWait replayedToWait(ClaimedKey claimed, String hash) {
		if (!claimed.requestHash().equals(hash)) {
			throw new IdempotencyKeyReused();
		}
		return new PlacedToWait(String.valueOf(claimed.orderId()), true, null);
	}

	/**
	 * The order with its lines: the request's, or the cart's available items as lines by
	 * SKU.
	 */
	private PlaceOrder fromCart(long userId, PlaceOrder request) {
		if (!request.fromTheCart()) {
			return request;
		}
		List<PlaceOrder.Line> lines = this.cart.orderable(userId)
			.stream()
			.map((line) -> new PlaceOrder.Line(null, line.quantity(), line.skuId()))
			.toList();
		if (lines.isEmpty()) {
			throw new InvalidOrder("fromCart", "the cart has no item that can be ordered now");
		}
		return request.withItems(lines);
	}

	/**
	 * The request's hash ({@link #hash}), once its lines are known to be well formed: a
	 * body that passed its bean validation either hashes or is refused with a 400.
	 * @throws InvalidOrder when it has neither lines nor {@code fromCart: true} (or
	 * both), a line gives both ids or neither, or two lines name the same SKU or product
	 */
	String checkedHash(PlaceOrder request) {
		request.checkItemsOrCart();
		if (request.fromTheCart()) {
			return hash(request);
		}
		Set<String> named = new HashSet<>();
		for (int i = 0; i < request.items().size(); i++) {
			PlaceOrder.Line line = request.items().get(i);
			if ((line.productId() == null) == (line.skuId() == null)) {
				throw new InvalidOrder("items[" + i + "].skuId",
						"give either skuId or productId (a product that has only one SKU)");
			}
			if (!named.add(line.reference())) {
				throw new InvalidOrder("items[" + i + "]",
						"names a SKU or product an earlier line names;" + " add up its quantities in one line");
			}
		}
		return hash(request);
	}

	/**
	 * The new order, its lines, its key and its OrderPlaced event in one transaction;
	 * {@code inTransaction} is told its id before the commit. An order for a product
	 * marked sold out is rejected in the same transaction, without an event, and
	 * {@code inTransaction} is not told: it has settled already.
	 * @throws DuplicateKeyException when a concurrent request with this key committed
	 * first
	 */
	private long create(long userId, String key, String hash, PlaceOrder request, LongConsumer inTransaction) {
		boolean soldOut = this.soldOut.anyOf(
				request.items().stream().map(PlaceOrder.Line::skuId).filter(Objects::nonNull).toList(),
				request.items().stream().map(PlaceOrder.Line::productId).filter(Objects::nonNull).toList());
		// as it is now: the order keeps it, whatever becomes of the address
		ShippingAddress address = (request.addressId() != null) ? this.addressBook.snapshot(userId, request.addressId())
				: null;
		long orderId = this.transactions.execute((tx) -> {
			long window = this.settings.paymentWindow().toMillis();
			NewOrder row = soldOut ? NewOrder.rejected(userId, request.remarkOrEmpty(), window, SOLD_OUT)
					: NewOrder.awaitingStock(userId, request.remarkOrEmpty(), window);
			this.orders.insert(row);
			// the key with its order, in one statement: a concurrent duplicate blocks on
			// it until we commit, then fails (its own order rolled back) and finds ours
			this.orders.claimKey(userId, key, hash, row.getId());
			this.orders.insertLines(row.getId(), request.items());
			if (request.fromTheCart()) {
				// all or nothing with the order: a cart changed meanwhile places nothing
				this.cart.takeOut(userId,
						request.items().stream().map((line) -> new Cart.Line(line.skuId(), line.quantity())).toList());
			}
			if (address != null) {
				this.orders.insertAddress(row.getId(), address);
			}
			if (soldOut) {
				return row.getId();
			}
			this.outbox.append(OrderEvents.TOPIC, OrderPlaced.TYPE, String.valueOf(row.getId()),
					new OrderPlaced(String.valueOf(row.getId()), String.valueOf(userId),
							request.items()
								.stream()
								.map((line) -> new OrderPlaced.Line(line.productId(), line.skuId(), line.quantity()))
								.toList(),
							Instant.now()));
			inTransaction.accept(row.getId());
			return row.getId();
		});
		OrderTransitions.count(this.meters, OrderStatus.PENDING);
		if (soldOut) {
			OrderTransitions.count(this.meters, OrderStatus.REJECTED);
		}
		return orderId;
	}

	/** The order an earlier request with this key placed, or null if there is none. */
	private Placed replay(long userId, String key, String hash) {
		ClaimedKey claimed = this.orders.findKey(userId, key);
		if (claimed == null || claimed.orderId() == null) {
			return null;
		}
		if (!claimed.requestHash().equals(hash)) {
			throw new IdempotencyKeyReused();
		}
		return new Placed(view(this.orders.find(claimed.orderId())), true);
	}

	/** The caller's order. */
	OrderView find(long userId, String id) {
		return view(owned(userId, id));
	}

	/** One page of the caller's orders, newest first. */
	CursorPage<OrderView> page(long userId, OrderStatus status, int size, String cursor) {
		return page(this.orders.page(userId, status, KeysetCursor.lastId(cursor), size + 1), size);
	}

	/**
	 * One page of every buyer's orders (the admin's list), newest first, optionally of
	 * one status; {@code q} is an order id or a buyer id (anything else matches nothing).
	 */
	CursorPage<OrderView> search(OrderStatus status, String q, int size, String cursor) {
		Long beforeId = KeysetCursor.lastId(cursor);
		if (q != null && !q.isBlank()) {
			Optional<Long> id = Ids.parse(q.strip());
			if (id.isEmpty()) {
				return new CursorPage<>(List.of(), null);
			}
			return page(this.orders.search(status, id.get(), beforeId, size + 1), size);
		}
		return page(this.orders.search(status, null, beforeId, size + 1), size);
	}

	/** The views of a page of orders read one more than its size. */
	private CursorPage<OrderView> page(List<Order> rows, int size) {
		CursorPage<Order> orders = CursorPage.of(rows, size, Order::id);
		List<Order> page = orders.items();
		Map<Long, List<OrderLine>> lines = page.isEmpty() ? Map.of()
				: this.orders.linesOf(page.stream().map(Order::id).toList())
					.stream()
					.collect(Collectors.groupingBy(OrderLine::orderId));
		List<Long> refundable = page.stream()
			.filter((order) -> order.status().mayHaveRefunds())
			.map(Order::id)
			.toList();
		Map<Long, List<RefundView>> refunds = refundable.isEmpty() ? Map.of() : this.refunds.ofOrders(refundable);
		Map<Long, ShippingAddress> addresses = page.isEmpty() ? Map.of()
				: this.orders.addressesOf(page.stream().map(Order::id).toList())
					.stream()
					.collect(Collectors.toMap(OrderMapper.OrderAddress::orderId, OrderMapper.OrderAddress::address));
		return orders.map((order) -> OrderView.of(order, lines.getOrDefault(order.id(), List.of()),
				addresses.get(order.id()), refunds.getOrDefault(order.id(), List.of())));
	}

	/** Cancels the caller's open order; catalog returns its stock. */
	OrderView cancel(long userId, String id) {
		Order order = owned(userId, id);
		order.cancel();
		boolean cancelled = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			if (this.orders.cancelled(order.id(), order.status(), Order.CancelReason.USER) == 0) {
				return false;
			}
			this.outbox.append(OrderEvents.TOPIC, OrderCancelled.TYPE, String.valueOf(order.id()),
					new OrderCancelled(String.valueOf(order.id()), String.valueOf(userId), Instant.now()));
			return true;
		}));
		Order now = this.orders.find(order.id());
		if (!cancelled) {
			now.cancel();
			throw OrderStateConflict.movedMeanwhile(now.status());
		}
		this.changes.announce(String.valueOf(order.id()));
		OrderTransitions.count(this.meters, OrderStatus.CANCELLED);
		return view(now);
	}

	Order owned(long userId, String id) {
		return owned(this.orders, userId, id);
	}

	/** The caller's order; 404 unless {@code id} names one of theirs. */
	static Order owned(OrderMapper orders, long userId, String id) {
		Optional<Long> orderId = Ids.parse(id);
		Order order = orderId.map((value) -> orders.findOwned(value, userId)).orElse(null);
		if (order == null) {
			throw new OrderNotFound();
		}
		return order;
	}

	/** The order with its lines, and its refunds when it may have some. */
	OrderView view(Order order) {
		return OrderView.of(order, this.orders.lines(order.id()), this.orders.address(order.id()),
				order.status().mayHaveRefunds() ? this.refunds.ofOrder(order.id()) : List.of());
	}

	/** Any buyer's order (for the admin). */
	Order existing(String id) {
		Order order = Ids.parse(id).map(this.orders::find).orElse(null);
		if (order == null) {
			throw new OrderNotFound();
		}
		return order;
	}

	/**
	 * The request as canonical JSON, hashed: the same body always gives the same hash.
	 */
	String hash(PlaceOrder request) {
		byte[] canonical = this.json.writeValueAsBytes(
				new PlaceOrder(request.items(), request.remarkOrEmpty().isEmpty() ? null : request.remarkOrEmpty(),
						request.addressId(), request.fromTheCart() ? Boolean.TRUE : null));
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
