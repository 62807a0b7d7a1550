package io.minibase.order.wechat;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What order-service tells WeChat about orders ({@code order.wechat.*}): the buyers'
 * subscribe messages and the shipping information of WeChat's order management.
 *
 * @param miniprogramState which version of the mini-program a message opens:
 * {@code formal}, {@code trial} or {@code developer}
 * @param messages the template of each message; a template without an id is not sent
 * @param reminder when the "about to expire" message is due
 * @param shipping the uploads of shipping information
 */
@Validated
@ConfigurationProperties("order.wechat")
record WeChatNoticesProperties(
		@DefaultValue("formal") @Pattern(regexp = "formal|trial|developer") String miniprogramState,
		@DefaultValue @Valid Messages messages, @DefaultValue @Valid Reminder reminder,
		@DefaultValue @Valid Shipping shipping) {

	/** One template per message a buyer can get. */
	record Messages(@DefaultValue @Valid Template paid, @DefaultValue @Valid Template shipped,
			@DefaultValue @Valid Template expiring, @DefaultValue @Valid Template refunded) {

		Template of(Notice.Kind kind) {
			return switch (kind) {
				case PAID -> this.paid;
				case SHIPPED -> this.shipped;
				case EXPIRING -> this.expiring;
				case REFUNDED -> this.refunded;
			};
		}

	}

	/**
	 * A subscribe message template as chosen in the mini-program's admin console.
	 *
	 * @param templateId its id; blank: the message is not sent
	 * @param page the page it opens; {@code {orderId}} is replaced
	 * @param data the template's fields and their values: text with placeholders
	 * ({@code {orderId}}, {@code {items}}, {@code {amount}}, {@code {carrier}},
	 * {@code {trackingNo}}, {@code {expiresAt}}, {@code {time}}), cut to WeChat's lengths
	 * by the field's type ({@code thing} 20, {@code character_string} 32, ...)
	 */
	record Template(@DefaultValue("") String templateId, @DefaultValue("") String page,
			@DefaultValue Map<String, String> data) {

		boolean configured() {
			return !this.templateId.isBlank();
		}

	}

	/**
	 * @param before how long before an unpaid order expires its buyer is reminded
	 * @param sweepInterval how often each instance looks for orders to remind
	 * @param batchSize how many reminders a sweep writes at most
	 */
	record Reminder(@DefaultValue("5m") @NotNull Duration before, @DefaultValue("30s") @NotNull Duration sweepInterval,
			@DefaultValue("100") @Min(1) int batchSize) {
	}

	/**
	 * @param sweepInterval how often each instance uploads what is due
	 * @param batchSize uploads per sweep at most
	 * @param firstRetry the pause after the first failed upload, doubled for each next
	 * one
	 * @param maxRetry the longest pause between two uploads of one order
	 * @param lease how long an instance holds an upload it took, longer than a call
	 * @param expressCompanies carriers as the shop writes them, to WeChat's delivery
	 * company ids; a carrier already written as an id ({@code SF}, {@code ZTO}) is sent
	 * as it is
	 */
	record Shipping(@DefaultValue("5s") @NotNull Duration sweepInterval, @DefaultValue("20") @Min(1) int batchSize,
			@DefaultValue("30s") @NotNull Duration firstRetry, @DefaultValue("30m") @NotNull Duration maxRetry,
			@DefaultValue("1m") @NotNull Duration lease, @DefaultValue Map<String, String> expressCompanies) {
	}

}
