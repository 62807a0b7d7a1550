package io.minibase.order.ordering;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code wait} preference of an RFC 7240 {@code Prefer} header ({@code Prefer:
 * wait=5}, possibly among others: {@code respond-async, wait=5}). api.md allows 1 to 10
 * seconds: a longer wait is held to 10, and a preference that is not a whole number of
 * seconds of at least 1 is ignored, as RFC 7240 says a server ignores what it cannot
 * honour.
 */
record PreferWait(int seconds) {

	static final String HEADER = "Prefer";

	static final String APPLIED = "Preference-Applied";

	static final int MAX_SECONDS = 10;

	static Optional<PreferWait> from(String prefer) {
		if (prefer == null) {
			return Optional.empty();
		}
		for (String preference : prefer.split(",")) {
			// a preference's own parameters follow a semicolon: wait=5;x=y
			String token = preference.split(";", 2)[0].trim();
			int equals = token.indexOf('=');
			if (equals < 0 || !token.substring(0, equals).trim().equalsIgnoreCase("wait")) {
				continue;
			}
			String value = token.substring(equals + 1).trim().replace("\"", "");
			if (!value.matches("[0-9]{1,9}")) {
				return Optional.empty();
			}
			int seconds = Integer.parseInt(value);
			return (seconds < 1) ? Optional.empty() : Optional.of(new PreferWait(Math.min(seconds, MAX_SECONDS)));
		}
		return Optional.empty();
	}

	Duration duration() {
		return Duration.ofSeconds(this.seconds);
	}

	/** The value of {@code Preference-Applied}. */
	String applied() {
		return "wait=" + this.seconds;
	}

}
