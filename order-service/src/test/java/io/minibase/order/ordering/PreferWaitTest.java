package io.minibase.order.ordering;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreferWaitTest {

	@Test
	void aWaitOfOneToTenSecondsIsTaken() {
		assertThat(PreferWait.from("wait=1")).contains(new PreferWait(1));
		assertThat(PreferWait.from("wait=10")).contains(new PreferWait(10));
		assertThat(PreferWait.from("respond-async, wait=5")).contains(new PreferWait(5));
		assertThat(PreferWait.from("WAIT = 3 ; x=y, handling=lenient")).contains(new PreferWait(3));
		assertThat(PreferWait.from("wait=\"4\"")).contains(new PreferWait(4));
	}

	@Test
	void aLongerWaitIsHeldToTenSeconds() {
		assertThat(PreferWait.from("wait=600")).contains(new PreferWait(10));
		assertThat(PreferWait.from("wait=600").orElseThrow().applied()).isEqualTo("wait=10");
	}

	@Test
	void whatIsNotAWaitOfWholeSecondsIsIgnored() {
		assertThat(PreferWait.from(null)).isEmpty();
		assertThat(PreferWait.from("")).isEmpty();
		assertThat(PreferWait.from("respond-async")).isEmpty();
		assertThat(PreferWait.from("wait=0")).isEmpty();
		assertThat(PreferWait.from("wait=-1")).isEmpty();
		assertThat(PreferWait.from("wait=1.5")).isEmpty();
		assertThat(PreferWait.from("wait=soon")).isEmpty();
		assertThat(PreferWait.from("wait=99999999999999")).isEmpty();
		assertThat(PreferWait.from("waiting=5")).isEmpty();
	}

}
