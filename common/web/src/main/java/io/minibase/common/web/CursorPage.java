package io.minibase.common.web;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A page of one of api.md's cursor-paginated lists ({@code ?size=N&cursor=C}): its
 * {@code items} and the {@code nextCursor} that asks for the page after it, {@code null}
 * on the last page. The {@code null} is written out, never omitted, as api.md shows it
 * ({@code "nextCursor": "..." | null}), whatever a service's default inclusion. One
 * generic type, so each list's OpenAPI schema is named by its items
 * ({@code CursorPageOrderView}) and no two lists share one.
 *
 * @param <T> the items
 * @param items the page's items, in the list's order (newest first)
 * @param nextCursor the cursor of the next page; {@code null} when there is none
 */
public record CursorPage<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

	public CursorPage {
		items = List.copyOf(items);
	}

	/**
	 * The page of rows read with a limit of {@code size + 1}, newest (highest id) first:
	 * the one row too many is not shown but tells that a next page exists, so a last page
	 * that happens to be full has no cursor (no empty page after it).
	 * @param rows what the query read, at most {@code size + 1}
	 * @param size the page size asked for
	 * @param id a row's id, which the {@link KeysetCursor} of the next page carries
	 */
	public static <T> CursorPage<T> of(List<T> rows, int size, ToLongFunction<? super T> id) {
		if (rows.size() <= size) {
			return new CursorPage<>(rows, null);
		}
		List<T> shown = rows.subList(0, size);
		return new CursorPage<>(shown, KeysetCursor.after(id.applyAsLong(shown.get(size - 1))));
	}

	/** This page with each item turned into another (a row into its view). */
	public <U> CursorPage<U> map(Function<? super T, ? extends U> mapping) {
		return new CursorPage<>(this.items.stream().<U>map(mapping).toList(), this.nextCursor);
	}

}
