package io.minibase.common.web;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code cursor} a client sends is the first page, a page after an id this class
 * could have handed out, or a 400: never another exception (a 500).
 */
class KeysetCursorFuzzTest {

	@FuzzTest
	void anyCursorIsAPageOrA400(String cursor) {
		Long lastId;
		try {
			lastId = KeysetCursor.lastId(cursor);
		}
		catch (KeysetCursor.Invalid ex) {
			return;
		}
		if (lastId == null) {
			assertThat(cursor).isNullOrEmpty();
			return;
		}
		assertThat(lastId).isPositive();
		assertThat(KeysetCursor.lastId(KeysetCursor.after(lastId))).isEqualTo(lastId);
	}

}
