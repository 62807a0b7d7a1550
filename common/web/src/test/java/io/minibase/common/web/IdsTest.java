package io.minibase.common.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

	@Test
	void aPositiveNumberOfAtMostEighteenDigitsIsAnId() {
		assertThat(Ids.parse("1")).contains(1L);
		assertThat(Ids.parse("999999999999999999")).contains(999_999_999_999_999_999L);
		assertThat(Ids.isId("42")).isTrue();
	}

	@Test
	void anythingElseIsNone() {
		for (String text : new String[] { null, "", "0", "007", "-1", "+1", " 1", "1 ", "1e3", "abc",
				"1000000000000000000", "\uFF19" }) {
			assertThat(Ids.isId(text)).as(String.valueOf(text)).isFalse();
			assertThat(Ids.parse(text)).as(String.valueOf(text)).isEmpty();
		}
	}

}
