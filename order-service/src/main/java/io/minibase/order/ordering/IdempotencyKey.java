package io.minibase.order.ordering;

/**
 * The {@code Idempotency-Key} of a placement (api.md, Orders): 8 to 64 visible ASCII
 * characters ({@code !} to {@code ~}, so no space or control character), new for each new
 * order. One order is placed per user and key ({@link OrderService#place}).
 */
final class IdempotencyKey {

	static final int MIN_LENGTH = 8;

	static final int MAX_LENGTH = 64;

	private IdempotencyKey() {
	}

	/**
	 * The key, when it is one.
	 * @throws InvalidOrder (400) when it is missing or not 8 to 64 visible ASCII
	 * characters
	 */
	static String checked(String key) {
		if (key == null || key.length() < MIN_LENGTH || key.length() > MAX_LENGTH || !visibleAscii(key)) {
			throw new InvalidOrder("The header Idempotency-Key is required: 8 to 64 visible ASCII characters,"
					+ " new for each new order (a UUID will do).");
		}
		return key;
	}

	private static boolean visibleAscii(String key) {
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < '!' || c > '~') {
				return false;
			}
		}
		return true;
	}

}
