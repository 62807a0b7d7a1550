package io.minibase.order.wechat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.ProcessedEvents;
import io.minibase.common.wechat.WeChatApi;
import io.minibase.common.wechat.WeChatError;
import io.minibase.common.wechat.WeChatProperties;
import io.minibase.common.wechat.WeChatUnavailable;
import io.minibase.order.buyer.Buyers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells WeChat's order management that a paid order shipped
 * ({@code /wxa/sec/order/upload_shipping_info}), so that WeChat releases the buyer's
 * payment to the merchant. Never lost: {@code OrderShipped} records a due upload in
 * {@code wechat_shipping_upload} (once per event), and a sweep on every instance uploads
 * what is due, taking rows with {@code SKIP LOCKED} and a lease so that two instances
 * never upload one order at once. What WeChat cannot take yet (10060001: the payment is
 * not in its system yet, which it says can take a minute; WeChat away) is tried again
 * with a doubling pause, without holding up the topic's other events as a consumer's
 * retries would; what it refuses for good is kept with its errcode and counted.
 */
@Component
class ShippingUploads {

	private static final Logger log = LoggerFactory.getLogger(ShippingUploads.class);

	static final String CONSUMER = "wechat-shipping-uploads";

	static final String API = "upload_shipping_info";

	/** 支付单不存在: WeChat does not know the payment yet. */
	static final int PAYMENT_NOT_YET_KNOWN = 10060001;

	/** 支付单已使用重新发货机会: shipping info is there, and its one change was used. */
	static final int ALREADY_UPLOADED = 10060003;

	/** 支付单处于不可发货的状态: refunded, or shipped and settled already. */
	static final int NOT_SHIPPABLE = 10060004;

	private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final NoticeMapper notices;

	private final WeChatApi wechat;

	private final Buyers buyers;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	private final WeChatNoticesProperties.Shipping settings;

	private final String appId;

	private final MeterRegistry meters;

	ShippingUploads(NoticeMapper notices, WeChatApi wechat, Buyers buyers, ProcessedEvents processed,
			TransactionTemplate transactions, WeChatNoticesProperties settings, WeChatProperties wechatSettings,
			MeterRegistry meters) {
		this.notices = notices;
		this.wechat = wechat;
		this.buyers = buyers;
		this.processed = processed;
		this.transactions = transactions;
		this.settings = settings.shipping();
		this.appId = wechatSettings.appId();
		this.meters = meters;
		Gauge.builder("order.wechat.shipping.pending", this.notices, NoticeMapper::pendingUploads)
			.description("Shipped orders whose shipping information WeChat does not have yet")
			.register(meters);
	}

	/** The order shipped: its upload is due (once for this event). */
	void due(String eventId, long orderId) {
		this.transactions.executeWithoutResult((tx) -> {
			if (this.processed.firstTime(CONSUMER, eventId)) {
				this.notices.uploadDue(orderId);
			}
		});
	}

	@Scheduled(fixedDelayString = "${order.wechat.shipping.sweep-interval}",
			initialDelayString = "${order.wechat.shipping.sweep-interval}")
	void sweep() {
		try {
			uploadBatch();
		}
		catch (RuntimeException ex) {
			// the rows stay due (or leased until the lease ends): the next sweep goes on
			log.warn("Shipping upload sweep failed, retrying in {}: {}", this.settings.sweepInterval(),
					ex.getMessage());
		}
	}

	/** Uploads one batch of what is due; returns how many were tried. */
	int uploadBatch() {
		List<Long> taken = this.transactions.execute((tx) -> {
			List<Long> due = this.notices.lockDueUploads(this.settings.batchSize());
			due.forEach((orderId) -> this.notices.lease(orderId, this.settings.lease().toMillis()));
			return due;
		});
		if (taken == null) {
			return 0;
		}
		for (long orderId : taken) {
			UploadResult result = upload(orderId);
			switch (result) {
				case UploadResult.Uploaded uploaded -> this.notices.finished(orderId, "UPLOADED", null);
				case UploadResult.NotYet notYet -> this.notices.retryLater(orderId, notYet.errcode(),
						pause(this.notices.attempts(orderId)).toMillis());
				case UploadResult.Refused refused -> {
					log.error("WeChat will not take the shipping of order {} ({}, errcode {}); it stays REFUSED",
							orderId, refused.outcome(), refused.errcode());
					this.notices.finished(orderId, "REFUSED", refused.errcode());
				}
			}
			this.meters.counter("order.wechat.shipping.uploads", "outcome", result.outcome()).increment();
		}
		return taken.size();
	}

	private UploadResult upload(long orderId) {
		NoticeMapper.Shipment shipment = this.notices.shipment(orderId);
		if (shipment == null || shipment.transactionId() == null || shipment.trackingNo() == null) {
			return new UploadResult.Refused(null, "not_paid_or_shipped");
		}
		Optional<String> openid = this.buyers.openid(shipment.userId(), this.appId);
		if (openid.isEmpty()) {
			return new UploadResult.NotYet(null, "no_openid");
		}
		String company = expressCompany(shipment.carrier());
		if (company == null) {
			return new UploadResult.Refused(null, "unknown_carrier");
		}
		try {
			this.wechat.post(API, "/wxa/sec/order/upload_shipping_info", body(shipment, openid.get(), company));
			return new UploadResult.Uploaded("uploaded");
		}
		catch (WeChatUnavailable ex) {
			return new UploadResult.NotYet(null, "unavailable");
		}
		catch (WeChatError ex) {
			return switch (ex.errcode()) {
				case PAYMENT_NOT_YET_KNOWN -> new UploadResult.NotYet(ex.errcode(), "payment_not_yet_known");
				case ALREADY_UPLOADED -> new UploadResult.Uploaded("already_uploaded");
				case NOT_SHIPPABLE -> new UploadResult.Refused(ex.errcode(), "not_shippable");
				default -> new UploadResult.Refused(ex.errcode(), "refused");
			};
		}
	}

	private Map<String, Object> body(NoticeMapper.Shipment shipment, String openid, String company) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("tracking_no", shipment.trackingNo());
		item.put("express_company", company);
		item.put("item_desc", Notice.truncate(String.join(" ", this.notices.itemLines(shipment.id())), ITEM_DESC_MAX));
		if (shipment.phone() != null && shipment.phone().length() >= 7) {
			// SF requires it; WeChat takes it masked, as the buyer's own app shows it
			String phone = shipment.phone();
			item.put("contact",
					Map.of("receiver_contact", phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4)));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("order_key", Map.of("order_number_type", 2, "transaction_id", shipment.transactionId()));
		body.put("logistics_type", 1);
		body.put("delivery_mode", 1);
		body.put("shipping_list", List.of(item));
		body.put("upload_time", RFC_3339.format(shipment.shippedAt()));
		body.put("payer", Map.of("openid", openid));
		return body;
	}

	/** WeChat's id of the carrier the shop named: as configured, or already an id. */
	String expressCompany(String carrier) {
		if (carrier == null) {
			return null;
		}
		String named = this.settings.expressCompanies().get(carrier);
		if (named != null) {
			return named;
		}
		for (Map.Entry<String, String> known : this.settings.expressCompanies().entrySet()) {
			if (carrier.contains(known.getKey())) {
				return known.getValue();
			}
		}
		return carrier.matches("[A-Z][A-Z0-9]{1,9}") ? carrier : null;
	}

	/** The pause after the n-th attempt: first-retry, doubled, at most max-retry. */
	Duration pause(int attempts) {
		Duration pause = this.settings.firstRetry();
		for (int i = 1; i < attempts && pause.compareTo(this.settings.maxRetry()) < 0; i++) {
			pause = pause.multipliedBy(2);
		}
		return (pause.compareTo(this.settings.maxRetry()) < 0) ? pause : this.settings.maxRetry();
	}

	/** WeChat's limit of {@code item_desc}. */
	private static final int ITEM_DESC_MAX = 120;

}
