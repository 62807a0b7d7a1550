package io.minibase.catalog.stock;

import io.minibase.catalog.stock.ReservationStatus.Move;
import io.minibase.catalog.stock.StockMapper.ClosedMarker;
import org.junit.jupiter.api.Test;

import static io.minibase.catalog.stock.ReservationStatus.CLOSED;
import static io.minibase.catalog.stock.ReservationStatus.RELEASED;
import static io.minibase.catalog.stock.ReservationStatus.RESERVED;
import static io.minibase.catalog.stock.ReservationStatus.RETURNED;
import static io.minibase.catalog.stock.ReservationStatus.SOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A reserved line is released or sold, once; a sold line is returned, once; nothing else
 * moves.
 */
class ReservationStatusTest {

	@Test
	void aReservedLineIsReleasedOrSold() {
		assertThat(Move.RELEASE).isEqualTo(RESERVED.to(RELEASED));
		assertThat(Move.SELL).isEqualTo(RESERVED.to(SOLD));
	}

	@Test
	void onlyASoldLineIsReturned() {
		assertThat(Move.RETURN).isEqualTo(SOLD.to(RETURNED));
		assertThat(RESERVED.mayBecome(RETURNED)).as("a refund of an unpaid order gives nothing back").isFalse();
	}

	@Test
	void aReleasedOrReturnedLineNeverMovesAgain() {
		for (ReservationStatus next : ReservationStatus.values()) {
			assertThat(RELEASED.mayBecome(next)).as("released to " + next).isFalse();
			assertThat(RETURNED.mayBecome(next)).as("returned to " + next).isFalse();
		}
		// a paid order cancelled afterwards keeps its units sold
		assertThat(SOLD.mayBecome(RELEASED)).isFalse();
	}

	@Test
	void theClosedMarkerNeverMovesAndNoLineBecomesIt() {
		for (ReservationStatus status : ReservationStatus.values()) {
			assertThat(CLOSED.mayBecome(status)).as("closed to " + status).isFalse();
			assertThat(status.mayBecome(CLOSED)).as(status + " to closed").isFalse();
		}
		assertThat(ClosedMarker.ROW).isEqualTo(new ClosedMarker(0, 0, CLOSED));
	}

	@Test
	void aMoveTheRulesDoNotAllowCannotBeMade() {
		assertThatIllegalStateException().isThrownBy(() -> SOLD.to(RELEASED))
			.withMessage("A SOLD reservation never becomes RELEASED");
		assertThatIllegalStateException().isThrownBy(() -> new Move(RESERVED, RESERVED));
	}

}
