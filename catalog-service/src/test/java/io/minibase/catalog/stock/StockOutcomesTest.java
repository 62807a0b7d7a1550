package io.minibase.catalog.stock;

import java.util.List;

import io.minibase.catalog.stock.StockEvents.StockRejected.Reason;
import io.minibase.catalog.stock.StockLedger.Rejected;
import io.minibase.catalog.stock.StockLedger.Reserved;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outcomes of reserving, releasing and restocking, and the metric tags they are
 * counted under: those tags are published time series, so they are pinned here as
 * strings.
 */
class StockOutcomesTest {

	@Test
	void aReservationOutcomeFollowsWhatTheLedgerGave() {
		assertThat(ReservationOutcome.of(new Reserved(List.of(), 0))).isEqualTo(ReservationOutcome.RESERVED);
		assertThat(ReservationOutcome.of(new Rejected(Reason.INSUFFICIENT_STOCK, "1", "11")))
			.isEqualTo(ReservationOutcome.REJECTED);
	}

	@Test
	void anOrdersFirstClosingReleasesWhatItHeldOrFindsNothingHeld() {
		assertThat(ReleaseOutcome.of(true)).isEqualTo(ReleaseOutcome.RELEASED);
		assertThat(ReleaseOutcome.of(false)).isEqualTo(ReleaseOutcome.NOTHING_HELD);
	}

	@Test
	void reservationsAreCountedUnderTheTagsTheyAlwaysHad() {
		assertThat(List.of(ReservationOutcome.values())).extracting(ReservationOutcome::tag)
			.containsExactly("reserved", "rejected", "duplicate", "closed");
	}

	@Test
	void releasesAndRestocksAreCountedUnderTheTagsTheyAlwaysHad() {
		assertThat(List.of(ReleaseOutcome.values())).extracting(ReleaseOutcome::tag)
			.containsExactly("duplicate", "released", "nothing-held");
		assertThat(List.of(RestockOutcome.values())).extracting(RestockOutcome::tag)
			.containsExactly("duplicate", "nothing-sold", "returned");
	}

}
