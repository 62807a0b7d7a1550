package io.minibase.catalog.product;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows a migration listed to be announced once each (LegacyImageAnnouncer,
 * ProductAnnouncer): taken a batch at a time until none is left, each announced in a
 * transaction of its own, whose conditional UPDATE lets one instance announce it.
 */
final class ListedRows {

	private ListedRows() {
	}

	/**
	 * @param due the next rows not announced yet, at most the given number
	 * @param announce announces one row inside its transaction; false when another
	 * instance did, or there was nothing to say
	 * @return the number this instance announced
	 */
	static <T> int announceEach(IntFunction<List<T>> due, int batch, TransactionTemplate transactions,
			Predicate<T> announce) {
		int announced = 0;
		List<T> rows;
		do {
			rows = due.apply(batch);
			for (T row : rows) {
				if (Boolean.TRUE.equals(transactions.execute((tx) -> announce.test(row)))) {
					announced++;
				}
			}
		}
		while (rows.size() == batch);
		return announced;
	}

}
