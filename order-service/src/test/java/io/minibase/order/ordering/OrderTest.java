package io.minibase.order.ordering;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.minibase.order.ordering.OrderStatus.AWAITING_PAYMENT;
import static io.minibase.order.ordering.OrderStatus.CANCELLED;
import static io.minibase.order.ordering.OrderStatus.COMPLETED;
import static io.minibase.order.ordering.OrderStatus.PAID;
import static io.minibase.order.ordering.OrderStatus.PENDING;
import static io.minibase.order.ordering.OrderStatus.REFUNDED;
import static io.minibase.order.ordering.OrderStatus.REFUNDING;
import static io.minibase.order.ordering.OrderStatus.REJECTED;
import static io.minibase.order.ordering.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Every move of an order from every status: where it leads, or that it is refused. */
class OrderTest {

	/** Each move, and the statuses it leads out of (to where). */
	private static final Map<String, Move> MOVES = Map.of("reserve",
			new Move(Order::reserve, Map.of(PENDING, AWAITING_PAYMENT)), "reject",
			new Move(Order::reject, Map.of(PENDING, REJECTED)), "cancel",
			new Move(Order::cancel, Map.of(PENDING, CANCELLED, AWAITING_PAYMENT, CANCELLED)), "pay",
			new Move(Order::pay, Map.of(AWAITING_PAYMENT, PAID)), "ship", new Move(Order::ship, Map.of(PAID, SHIPPED)),
			"complete", new Move(Order::complete, Map.of(SHIPPED, COMPLETED)), "refundWholly",
			new Move(Order::refundWholly, Map.of(PAID, REFUNDING, SHIPPED, REFUNDING, COMPLETED, REFUNDING)),
			"refunded",
			new Move(Order::refunded,
					Map.of(PAID, REFUNDED, SHIPPED, REFUNDED, COMPLETED, REFUNDED, REFUNDING, REFUNDED)),
			"refundFailed", new Move(Order::refundFailed, Map.of(REFUNDING, PAID)), "takeAfterSale",
			new Move(Order::takeAfterSale, Map.of(PAID, PAID, SHIPPED, SHIPPED, COMPLETED, COMPLETED)));

	record Move(Function<Order, OrderStatus> apply, Map<OrderStatus, OrderStatus> allowed) {
	}

	static Stream<Arguments> everyMoveFromEveryStatus() {
		return MOVES.keySet()
			.stream()
			.sorted()
			.flatMap((move) -> EnumSet.allOf(OrderStatus.class).stream().map((status) -> Arguments.of(move, status)));
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("everyMoveFromEveryStatus")
	void aMoveLeadsWhereTheTableSaysOrIsRefusedWith409(String name, OrderStatus from) {
		Move move = MOVES.get(name);
		Order order = order(from, null, null);
		OrderStatus to = move.allowed().get(from);
		if (to != null) {
			assertThat(move.apply().apply(order)).isEqualTo(to);
		}
		else {
			assertThatExceptionOfType(OrderStateConflict.class).isThrownBy(() -> move.apply().apply(order))
				.satisfies((refused) -> {
					assertThat(refused.getStatusCode().value()).isEqualTo(409);
					assertThat(refused.getBody().getProperties()).containsEntry("orderStatus", from.name());
				});
		}
	}

	@Test
	void aFailedWholeRefundPutsTheOrderBackWhereItWas() {
		Instant shipped = Instant.parse("2026-12-01T10:00:00Z");
		assertThat(order(REFUNDING, null, null).refundFailed()).isEqualTo(PAID);
		assertThat(order(REFUNDING, shipped, null).refundFailed()).isEqualTo(SHIPPED);
		assertThat(order(REFUNDING, shipped, shipped.plusSeconds(60)).refundFailed()).isEqualTo(COMPLETED);
	}

	@Test
	void theTerminalStatusesAllowNoMoveAtAll() {
		for (OrderStatus end : Set.of(REJECTED, CANCELLED, REFUNDED)) {
			assertThat(MOVES.values()).allSatisfy((move) -> assertThat(move.allowed()).doesNotContainKey(end));
		}
	}

	@Test
	void onlyAnOrderAwaitingPaymentIsPayable() {
		for (OrderStatus status : OrderStatus.values()) {
			assertThat(order(status, null, null).payable()).as(status.name()).isEqualTo(status == AWAITING_PAYMENT);
		}
	}

	@Test
	void theShipmentIsThereOnceShipped() {
		Instant shipped = Instant.parse("2026-12-01T10:00:00Z");
		assertThat(order(PAID, null, null).shipment()).isNull();
		assertThat(order(SHIPPED, shipped, null).shipment()).isEqualTo(new Order.Shipment("SF", "SF123", shipped));
	}

	@Test
	void whatEachStatusAllowsOfRefundsAndExpiry() {
		assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::open))
			.containsExactlyInAnyOrder(PENDING, AWAITING_PAYMENT);
		assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::refundable))
			.containsExactlyInAnyOrder(PAID, SHIPPED, COMPLETED);
		assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::paidFor))
			.containsExactlyInAnyOrder(PAID, SHIPPED, COMPLETED, REFUNDING);
		assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::mayHaveRefunds))
			.containsExactlyInAnyOrder(PAID, SHIPPED, COMPLETED, REFUNDING, REFUNDED, CANCELLED);
	}

	private static Order order(OrderStatus status, Instant shippedAt, Instant completedAt) {
		Instant at = Instant.parse("2026-12-01T09:00:00Z");
		return new Order(7, 42, status, null, 100, "", at.plusSeconds(900), null, shippedAt,
				(shippedAt != null) ? "SF" : null, (shippedAt != null) ? "SF123" : null, completedAt, at, at);
	}

}
