package io.minibase.order.ordering;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any {@code Prefer} header is a wait of 1 to 10 seconds or none: never an exception,
 * never a wait api.md does not allow.
 */
class PreferWaitFuzzTest {

	@FuzzTest
	void anyPreferHeaderIsAnAllowedWaitOrNone(String prefer) {
		PreferWait.from(prefer).ifPresent((wait) -> {
			assertThat(wait.seconds()).isBetween(1, PreferWait.MAX_SECONDS);
			assertThat(prefer).containsIgnoringCase("wait");
			assertThat(wait.applied()).isEqualTo("wait=" + wait.seconds());
		});
	}

}
