package io.minibase.catalog.product;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorTest {

	@Test
	void aCursorLeadsBackToTheLastIdOfItsPage() {
		assertThat(ProductService.decodeCursor(ProductService.encodeCursor(123456789L))).isEqualTo(123456789L);
	}

	@Test
	void aCursorIsOpaqueNotTheBareId() {
		assertThat(ProductService.encodeCursor(42)).isNotEqualTo("42");
	}

	@Test
	void aForgedCursorIsRefused() {
		for (String forged : new String[] { "42", "!!!", "aWQ6LTE", "aWQ6YWJj" }) {
			assertThatExceptionOfType(InvalidCursor.class).as(forged)
				.isThrownBy(() -> ProductService.decodeCursor(forged));
		}
	}

}
