package io.minibase.auth.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PhoneNumberTest {

	@ParameterizedTest
	@CsvSource({ "13812345678, 138****5678", "85212345, 85****45", "123456, 1****6", "1234, ****",
			"447911123456789, 447********6789" })
	void theMaskedFormShowsAtMostTheFirstThreeAndLastFourDigits(String number, String masked) {
		assertThat(new PhoneNumber("86", number).masked()).isEqualTo(masked);
	}

	@Test
	void theFullNumberIsNeverInItsTextForm() {
		assertThat(new PhoneNumber("86", "13812345678").toString()).doesNotContain("13812345678")
			.contains("138****5678");
	}

	@Test
	void onlyDigitsAreANumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumber("86", "+8613812345678"));
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumber("86", "123"));
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumber("+86", "13812345678"));
	}

}
