package io.minibase.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyScheduleTest {

	private static final Duration ROTATE_EVERY = Duration.ofDays(30);

	private static final Duration PUBLISH_AHEAD = Duration.ofMinutes(10);

	private static final Duration RETIRE_AFTER = Duration.ofMinutes(17);

	private final KeySchedule schedule = new KeySchedule(ROTATE_EVERY, PUBLISH_AHEAD, RETIRE_AFTER);

	private final Instant start = Instant.parse("2026-12-01T00:00:00Z");

	private final SigningKey active = key("a", KeyStatus.ACTIVE, this.start, null);

	@Test
	void aKeyThatSignedForLessThanItsTimeNeedsNothing() {
		assertThat(this.schedule.due(List.of(this.active), this.start)).isEmpty();
		assertThat(this.schedule.due(List.of(this.active), rotation().minus(PUBLISH_AHEAD).minusMillis(1))).isEmpty();
	}

	@Test
	void theNextKeyIsPublishedAheadOfItsTimeAndSignsWhenTheOldOnesTimeIsUp() {
		Instant now = rotation().minus(PUBLISH_AHEAD);

		assertThat(this.schedule.due(List.of(this.active), now)).containsExactly(new KeyStep.PublishNext(rotation()));
	}

	@Test
	void aCheckThatComesLateStillPublishesTheNextKeyAheadOfItsFirstSignature() {
		// the service was down when the key's time came
		Instant now = rotation().plus(Duration.ofDays(2));

		assertThat(this.schedule.due(List.of(this.active), now))
			.containsExactly(new KeyStep.PublishNext(now.plus(PUBLISH_AHEAD)));
	}

	@Test
	void aPublishedNextKeyIsNotPublishedTwiceAndSignsOnlyFromItsTime() {
		SigningKey next = key("b", KeyStatus.NEXT, rotation(), null);

		assertThat(this.schedule.due(List.of(this.active, next), rotation().minusMillis(1))).isEmpty();
		assertThat(this.schedule.due(List.of(this.active, next), rotation())).containsExactly(new KeyStep.Promote("b"));
		assertThat(this.schedule.due(List.of(this.active, next), rotation().plus(Duration.ofDays(40))))
			.containsExactly(new KeyStep.Promote("b"));
	}

	@Test
	void aKeyThatStoppedSigningVerifiesUntilTheLongestTokenItSignedHasExpiredThenRetires() {
		Instant stopped = rotation();
		SigningKey old = key("o", KeyStatus.PUBLISHED, this.start, stopped);
		SigningKey current = key("a", KeyStatus.ACTIVE, stopped, null);

		assertThat(this.schedule.due(List.of(current, old), stopped.plus(RETIRE_AFTER).minusMillis(1))).isEmpty();
		assertThat(this.schedule.due(List.of(current, old), stopped.plus(RETIRE_AFTER)))
			.containsExactly(new KeyStep.Retire("o"));
	}

	@Test
	void aKeyFromBeforeTheScheduleIsLeftAloneUntilItSaysWhenItStopped() {
		SigningKey legacy = key("l", KeyStatus.PUBLISHED, this.start, null);

		assertThat(this.schedule.due(List.of(this.active, legacy), this.start.plus(Duration.ofDays(1)))).isEmpty();
	}

	@Test
	void promotionAndRetirementDueTogetherAreBothReturned() {
		SigningKey next = key("b", KeyStatus.NEXT, rotation(), null);
		SigningKey old = key("o", KeyStatus.PUBLISHED, this.start, this.start.plus(Duration.ofMinutes(1)));

		assertThat(this.schedule.due(List.of(this.active, next, old), rotation()))
			.containsExactly(new KeyStep.Promote("b"), new KeyStep.Retire("o"));
	}

	@Test
	void aKeyPublishedNoEarlierThanItSignsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KeySchedule(ROTATE_EVERY, Duration.ZERO, RETIRE_AFTER));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KeySchedule(ROTATE_EVERY, ROTATE_EVERY, RETIRE_AFTER));
	}

	private Instant rotation() {
		return this.start.plus(ROTATE_EVERY);
	}

	private static SigningKey key(String kid, KeyStatus status, Instant activatesAt, Instant signedUntil) {
		return new SigningKey(kid, "RS256", "public", "private", status, activatesAt, activatesAt, signedUntil);
	}

}
