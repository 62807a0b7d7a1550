package io.minibase.order.ordering;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Any {@code Idempotency-Key} header is accepted exactly when it is what api.md allows, 8
 * to 64 visible ASCII characters, and refused otherwise with the 400 of an invalid order:
 * never another exception.
 */
class IdempotencyKeyFuzzTest {

	@FuzzTest
	void aKeyIsAcceptedExactlyWhenItIs8To64VisibleAscii(String key) {
		// null: no header at all
		boolean documented = key != null && key.matches("[!-~]{8,64}");

		Throwable refused = catchThrowable(() -> assertThat(IdempotencyKey.checked(key)).isEqualTo(key));

		if (documented) {
			assertThat(refused).as(key).isNull();
		}
		else {
			assertThat(refused).as(key).isInstanceOf(InvalidOrder.class);
			assertThat(((InvalidOrder) refused).getStatusCode().value()).isEqualTo(400);
		}
	}

}
