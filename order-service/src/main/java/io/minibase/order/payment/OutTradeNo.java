package io.minibase.order.payment;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An order's number at WeChat Pay ({@code out_trade_no}): WeChat Pay wants 6 to 32
 * characters, so the order id is written as {@code MB} and 18 digits, and read back only
 * in that form.
 */
public record OutTradeNo(String value) {

	private static final Pattern FORM = Pattern.compile("MB([0-9]{18})");

	public static OutTradeNo of(long orderId) {
		return new OutTradeNo(String.format("MB%018d", orderId));
	}

	/** The order id of a number in this form; empty for anything else. */
	public static Optional<Long> orderId(String outTradeNo) {
		Matcher matcher = (outTradeNo != null) ? FORM.matcher(outTradeNo) : null;
		if (matcher == null || !matcher.matches()) {
			return Optional.empty();
		}
		long id = Long.parseLong(matcher.group(1));
		return (id > 0) ? Optional.of(id) : Optional.empty();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
