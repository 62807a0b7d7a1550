package io.minibase.common.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdFormatTest {

	@Test
	void aW3cTraceIdIsThirtyTwoLowercaseHexDigitsNotAllZero() {
		assertThat(TraceIdFormat.isTraceId("4bf92f3577b34da6a3ce929d0e0e4736")).isTrue();
		for (String id : new String[] { null, "", "00000000000000000000000000000000",
				"4BF92F3577B34DA6A3CE929D0E0E4736", "4bf92f3577b34da6a3ce929d0e0e473",
				"4bf92f3577b34da6a3ce929d0e0e47366", "4bf92f3577b34da6a3ce929d0e0e473g" }) {
			assertThat(TraceIdFormat.isTraceId(id)).as(String.valueOf(id)).isFalse();
		}
	}

	@Test
	void aMadeUpIdIsOneAndDiffersEachTime() {
		for (int i = 0; i < 1000; i++) {
			assertThat(TraceIdFormat.isTraceId(TraceIdFormat.random())).isTrue();
		}
		assertThat(TraceIdFormat.random()).isNotEqualTo(TraceIdFormat.random());
	}

}
