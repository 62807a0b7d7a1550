package io.minibase.auth.phone;

import java.util.regex.Pattern;

/**
 * A phone number as WeChat's getPhoneNumber gives it: the country code and the number
 * without it. Never logged: {@link #toString()} shows the masked form only.
 */
public record PhoneNumber(String countryCode, String number) {

	private static final Pattern DIGITS = Pattern.compile("\\d{4,20}");

	private static final Pattern COUNTRY = Pattern.compile("\\d{1,4}");

	public PhoneNumber {
		if (number == null || !DIGITS.matcher(number).matches()) {
			throw new IllegalArgumentException("a phone number is 4 to 20 digits");
		}
		if (countryCode == null || !COUNTRY.matcher(countryCode).matches()) {
			throw new IllegalArgumentException("a country code is 1 to 4 digits");
		}
	}

	/**
	 * What the mini-program is shown: {@code 138****5678}. At least four digits, and all
	 * but seven, are hidden; of those shown, at most three lead.
	 */
	public String masked() {
		int length = this.number.length();
		int hidden = Math.max(4, length - 7);
		int shown = length - hidden;
		int head = Math.min(3, shown / 2);
		int tail = shown - head;
		return this.number.substring(0, head) + "*".repeat(hidden) + this.number.substring(length - tail);
	}

	@Override
	public String toString() {
		return "PhoneNumber[" + masked() + "]";
	}

}
