package io.minibase.common.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeysetCursorTest {

	@Test
	void aCursorLeadsBackToTheLastIdOfItsPage() {
		assertThat(KeysetCursor.lastId(KeysetCursor.after(123456789L))).isEqualTo(123456789L);
	}

	@Test
	void aCursorIsOpaqueNotTheBareId() {
		assertThat(KeysetCursor.after(42)).isNotEqualTo("42");
	}

	@Test
	void noCursorIsTheFirstPage() {
		assertThat(KeysetCursor.lastId(null)).isNull();
		assertThat(KeysetCursor.lastId("")).isNull();
	}

	@Test
	void aForgedCursorIsRefused() {
		for (String forged : new String[] { "42", "!!!", "aWQ6LTE", "aWQ6YWJj" }) {
			assertThatExceptionOfType(KeysetCursor.Invalid.class).as(forged)
				.isThrownBy(() -> KeysetCursor.lastId(forged));
		}
	}

}
