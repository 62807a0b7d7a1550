package io.minibase.auth.token;

import java.time.Instant;

/** One step of the signing keys' schedule that is due ({@link KeySchedule}). */
sealed interface KeyStep {

	/** Generate the next key and publish it now; it signs from {@code activatesAt}. */
	record PublishNext(Instant activatesAt) implements KeyStep {
	}

	/** The next key signs from now on; the one that signed until now only verifies. */
	record Promote(String kid) implements KeyStep {
	}

	/** The tokens this key signed have all expired: out of the JWKS. */
	record Retire(String kid) implements KeyStep {
	}

}
