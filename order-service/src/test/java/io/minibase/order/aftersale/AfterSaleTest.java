package io.minibase.order.aftersale;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.minibase.order.aftersale.AfterSaleStatus.APPROVED;
import static io.minibase.order.aftersale.AfterSaleStatus.REJECTED;
import static io.minibase.order.aftersale.AfterSaleStatus.REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Every move of an after-sale from every status, and what a request may refund. */
class AfterSaleTest {

	private static final Map<String, Function<AfterSale, AfterSaleStatus>> MOVES = Map.of("approve", AfterSale::approve,
			"reject", AfterSale::reject);

	private static final Map<String, AfterSaleStatus> FROM_REQUESTED = Map.of("approve", APPROVED, "reject", REJECTED);

	static Stream<Arguments> everyMoveFromEveryStatus() {
		return MOVES.keySet()
			.stream()
			.sorted()
			.flatMap((
					move) -> EnumSet.allOf(AfterSaleStatus.class).stream().map((status) -> Arguments.of(move, status)));
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("everyMoveFromEveryStatus")
	void aRequestedAfterSaleIsApprovedOrRejectedAndADecidedOneRefusesWith409(String move, AfterSaleStatus from) {
		AfterSale afterSale = afterSale(from);
		if (from == REQUESTED) {
			assertThat(MOVES.get(move).apply(afterSale)).isEqualTo(FROM_REQUESTED.get(move));
		}
		else {
			assertThatExceptionOfType(AfterSaleStateConflict.class).isThrownBy(() -> MOVES.get(move).apply(afterSale))
				.satisfies((refused) -> {
					assertThat(refused.getStatusCode().value()).isEqualTo(409);
					assertThat(refused.getBody().getProperties()).containsEntry("afterSaleStatus", from.name());
				});
		}
	}

	@Test
	void onlyARequestedAfterSaleIsOpen() {
		for (AfterSaleStatus status : AfterSaleStatus.values()) {
			assertThat(afterSale(status).open()).as(status.name()).isEqualTo(status == REQUESTED);
		}
	}

	@Test
	void withoutAnAmountARequestRefundsAllThatIsLeft() {
		assertThat(AfterSale.amountOf(null, 1980)).isEqualTo(1980);
	}

	@Test
	void aRequestRefundsFromOneFenToAllThatIsLeft() {
		assertThat(AfterSale.amountOf(1L, 1980)).isEqualTo(1);
		assertThat(AfterSale.amountOf(1980L, 1980)).isEqualTo(1980);
	}

	@Test
	void moreThanIsLeftIsRefusedWith409NamingTheAmountAndWhatIsLeft() {
		for (Long asked : List.of(1981L, 0L, -5L)) {
			assertThatExceptionOfType(AmountExceedsRefundable.class).isThrownBy(() -> AfterSale.amountOf(asked, 1980))
				.satisfies((refused) -> {
					assertThat(refused.getStatusCode().value()).isEqualTo(409);
					assertThat(refused.getBody().getProperties()).containsEntry("refundableFen", 1980L);
					assertThat(refused.getBody().getProperties().get("errors").toString()).contains("amountFen");
				});
		}
	}

	@Test
	void nothingLeftToRefundTakesNoRequest() {
		assertThatExceptionOfType(AmountExceedsRefundable.class).isThrownBy(() -> AfterSale.amountOf(null, 0));
	}

	@Test
	void theRefundReasonFitsWeChatPaysEightyCharacters() {
		assertThat(AfterSales.refundReason("  尺码不合适 ")).isEqualTo("售后退款：尺码不合适");
		String long200 = "很".repeat(200);
		String reason = AfterSales.refundReason(long200);
		assertThat(reason.codePointCount(0, reason.length())).isEqualTo(80);
		String emoji = AfterSales.refundReason("😀".repeat(100));
		assertThat(emoji.codePointCount(0, emoji.length())).as("cut between characters, not inside one").isEqualTo(80);
	}

	private static AfterSale afterSale(AfterSaleStatus status) {
		Instant at = Instant.parse("2026-12-01T09:00:00Z");
		return new AfterSale(3, 7, 42, status, "尺码不合适", 990, List.of(), null, null, at, at);
	}

}
