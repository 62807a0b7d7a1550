package io.minibase.common.web;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An id as it travels as text (paths, bodies, cursors, token subjects, events): a
 * positive BIGINT in decimal, without sign or leading zero, of at most 18 digits so that
 * it always fits a {@code long}. Anything else names nothing.
 */
public final class Ids {

	/**
	 * The form of an id, for {@code @Pattern(regexp = Ids.PATTERN)} on request fields.
	 */
	public static final String PATTERN = "[1-9][0-9]{0,17}";

	// compiled once: some callers check every line of every order
	private static final Pattern ID = Pattern.compile(PATTERN);

	private Ids() {
	}

	/** Whether the text is an id; {@code false} for {@code null}. */
	public static boolean isId(String text) {
		return text != null && ID.matcher(text).matches();
	}

	/** The id the text is, or empty when it is not one (or {@code null}). */
	public static Optional<Long> parse(String text) {
		return isId(text) ? Optional.of(Long.parseLong(text)) : Optional.empty();
	}

}
