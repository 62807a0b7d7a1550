package io.minibase.order.ordering;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The {@code Idempotency-Key} grammar: 8 to 64 visible ASCII characters. */
class IdempotencyKeyTest {

	@Test
	void eightToSixtyFourVisibleAsciiCharactersAreAKey() {
		assertThat(IdempotencyKey.checked("12345678")).isEqualTo("12345678");
		assertThat(IdempotencyKey.checked("~".repeat(64))).isEqualTo("~".repeat(64));
		assertThat(IdempotencyKey.checked("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}")).isNotNull();
		assertThat(IdempotencyKey.checked("3f2b8c1e-6a4d-4e8f-9b1a-2c3d4e5f6a7b")).isNotNull();
	}

	@Test
	void anythingElseIsAnInvalidOrder() {
		for (String key : new String[] { null, "", "1234567", "x".repeat(65), "with space", "tab\tinside", "newline\n1",
				"del\u007f1234", "nbsp\u00a01234", "全角のキー1234", "emoji\ud83d\ude001234", "lone\ud83d1234",
				"nul\u00001234" }) {
			assertThatExceptionOfType(InvalidOrder.class).as(String.valueOf(key))
				.isThrownBy(() -> IdempotencyKey.checked(key))
				.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(400));
		}
	}

}
