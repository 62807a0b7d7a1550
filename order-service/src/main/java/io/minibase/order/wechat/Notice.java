package io.minibase.order.wechat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a buyer is told about an order, and the values a template's fields can show. The
 * texts follow WeChat's rules for each field type: {@code thing} at most 20 characters,
 * {@code character_string} 32, {@code phrase} 5, {@code name} 10.
 */
record Notice(Kind kind, long orderId, long userId, List<String> items, Long amountFen, String carrier,
		String trackingNo, Instant expiresAt, Instant at) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	/** The messages a buyer can get. */
	enum Kind {

		PAID, SHIPPED, EXPIRING, REFUNDED

	}

	/** The template's page with this order's id. */
	String page(String template) {
		return template.replace("{orderId}", String.valueOf(this.orderId));
	}

	/** The template's data, each value filled in and cut to its field's length. */
	Map<String, Map<String, String>> data(Map<String, String> fields) {
		Map<String, Map<String, String>> data = new LinkedHashMap<>();
		fields.forEach((field, template) -> data.put(field, Map.of("value", cut(field, fill(template)))));
		return data;
	}

	private String fill(String template) {
		return template.replace("{orderId}", String.valueOf(this.orderId))
			.replace("{items}", itemsText())
			.replace("{amount}", (this.amountFen != null) ? yuan(this.amountFen) : "")
			.replace("{carrier}", (this.carrier != null) ? this.carrier : "")
			.replace("{trackingNo}", (this.trackingNo != null) ? this.trackingNo : "")
			.replace("{expiresAt}", (this.expiresAt != null) ? TIME.format(this.expiresAt) : "")
			.replace("{time}", TIME.format(this.at));
	}

	private String itemsText() {
		if (this.items.isEmpty()) {
			return "";
		}
		return (this.items.size() == 1) ? this.items.get(0) : this.items.get(0) + "等" + this.items.size() + "件";
	}

	static String yuan(long fen) {
		return String.format("%d.%02d元", fen / 100, fen % 100);
	}

	/** Cut to the length WeChat allows for the field's type (its name without digits). */
	static String cut(String field, String value) {
		String type = field.replaceAll("[0-9]+$", "");
		int max = switch (type) {
			case "thing" -> 20;
			case "character_string" -> 32;
			case "phrase" -> 5;
			case "name" -> 10;
			case "car_number" -> 8;
			default -> Integer.MAX_VALUE;
		};
		return truncate(value, max);
	}

	/**
	 * At most {@code max} characters (code points: a Chinese name is not cut in half).
	 */
	static String truncate(String value, int max) {
		return (value.codePointCount(0, value.length()) <= max) ? value
				: value.substring(0, value.offsetByCodePoints(0, max));
	}

}
