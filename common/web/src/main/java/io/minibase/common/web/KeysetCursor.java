package io.minibase.common.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The {@code cursor} of api.md's lists: the last id of a page (lists are newest first, id
 * descending), opaque to clients so the format can change. A cursor this service did not
 * hand out is a 400 problem.
 */
public final class KeysetCursor {

	private static final String PREFIX = "id:";

	private KeysetCursor() {
	}

	/** The cursor of the page that ends with this id. */
	public static String after(long lastId) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The last id of the previous page, or {@code null} for the first page (no or an
	 * empty cursor).
	 * @throws Invalid when the cursor was not handed out by {@link #after}
	 */
	public static Long lastId(String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		String decoded;
		try {
			decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new Invalid();
		}
		if (!decoded.startsWith(PREFIX) || !Ids.isId(decoded.substring(PREFIX.length()))) {
			throw new Invalid();
		}
		return Long.parseLong(decoded.substring(PREFIX.length()));
	}

	/** A cursor this service did not hand out: 400. */
	public static final class Invalid extends ErrorResponseException {

		public Invalid() {
			super(HttpStatus.BAD_REQUEST,
					ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The cursor is not valid for this list."),
					null);
		}

	}

}
