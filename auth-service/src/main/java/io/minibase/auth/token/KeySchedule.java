package io.minibase.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When signing keys change: a new key every {@code rotateEvery}, published
 * {@code publishAhead} before it signs (longer than any verifier caches the JWKS, so none
 * meets a token whose key it has not seen), and an old key retired {@code retireAfter}
 * after it stopped signing (longer than any token it signed lives).
 */
record KeySchedule(Duration rotateEvery, Duration publishAhead, Duration retireAfter) {

	KeySchedule {
		if (!publishAhead.isPositive() || publishAhead.compareTo(rotateEvery) >= 0) {
			throw new IllegalArgumentException("publish-ahead (" + publishAhead
					+ ") must be positive and shorter than rotate-every (" + rotateEvery + ")");
		}
	}

	/**
	 * The steps due at {@code now} for the keys still published
	 * ({@link KeyStatus#RETIRED} ones left out), in the order to apply them.
	 */
	List<KeyStep> due(List<SigningKey> published, Instant now) {
		List<KeyStep> steps = new ArrayList<>();
		SigningKey active = only(published, KeyStatus.ACTIVE);
		SigningKey next = only(published, KeyStatus.NEXT);
		if (next != null && !next.activatesAt().isAfter(now)) {
			steps.add(new KeyStep.Promote(next.kid()));
		}
		else if (next == null && active != null) {
			Instant rotation = active.activatesAt().plus(this.rotateEvery);
			if (!now.isBefore(rotation.minus(this.publishAhead))) {
				Instant ahead = now.plus(this.publishAhead);
				steps.add(new KeyStep.PublishNext(rotation.isAfter(ahead) ? rotation : ahead));
			}
		}
		for (SigningKey key : published) {
			if (key.status() == KeyStatus.PUBLISHED && key.signedUntil() != null
					&& !now.isBefore(key.signedUntil().plus(this.retireAfter))) {
				steps.add(new KeyStep.Retire(key.kid()));
			}
		}
		return steps;
	}

	private static SigningKey only(List<SigningKey> keys, KeyStatus status) {
		return keys.stream().filter((key) -> key.status() == status).findFirst().orElse(null);
	}

}
