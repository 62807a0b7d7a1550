package io.minibase.file.stored;

import java.util.Locale;
import java.util.Optional;

/**
 * Who a file is for, chosen at upload (multipart field {@code visibility}): everyone, or
 * its owner only (what a user sends that others must not see, e.g. after-sale photos).
 */
public enum Visibility {

	/** Served to anyone once it may be (media check), cached publicly for a year. */
	PUBLIC,
	/**
	 * Served to its owner's token only; anyone else gets 404, as if it did not exist. Not
	 * sent to WeChat's media check, which is about what others see.
	 */
	PRIVATE;

	/** The field's value ({@code public} or {@code private}); absent is public. */
	public static Optional<Visibility> parse(String field) {
		if (field == null || field.isBlank()) {
			return Optional.of(PUBLIC);
		}
		return switch (field.strip().toLowerCase(Locale.ROOT)) {
			case "public" -> Optional.of(PUBLIC);
			case "private" -> Optional.of(PRIVATE);
			default -> Optional.empty();
		};
	}

}
