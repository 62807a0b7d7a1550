package io.minibase.order.payment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/payments/wechat/notify} and {@code .../refund-notify}: WeChat Pay's
 * payment and refund results (api.md, Payments). Public, since WeChat Pay calls it;
 * believed only as {@link WeChatPayNotifies} decides. Answers 204 once the payment is
 * known here (applied now or before), else 4xx {@code {"code": "FAIL", "message"}} and
 * nothing changes, so that WeChat Pay sends it again: a notify for an order unknown here
 * is answered 404, and settles when it comes again.
 */
@RestController
@ConditionalOnProperty(name = "order.payment.provider", havingValue = WeChatPayProvider.NAME)
class WeChatPayNotifyController {

	private static final Logger log = LoggerFactory.getLogger(WeChatPayNotifyController.class);

	private final WeChatPayNotifies notifies;

	private final Payments payments;

	private final Refunds refunds;

	private final MeterRegistry meters;

	WeChatPayNotifyController(WeChatPayNotifies notifies, Payments payments, Refunds refunds, MeterRegistry meters) {
		this.notifies = notifies;
		this.payments = payments;
		this.refunds = refunds;
		this.meters = meters;
	}

	@PostMapping("/api/payments/wechat/notify")
	ResponseEntity<Map<String, String>> paymentNotified(@RequestHeader HttpHeaders headers,
			@RequestBody(required = false) byte[] body) {
		String text = (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
		NotifyVerdict<Transaction> verdict = this.notifies.payment(headers, text);
		if (!(verdict instanceof NotifyVerdict.Believed<Transaction> believed)) {
			return refuse((NotifyVerdict.Refused<?>) verdict, headers);
		}
		Transaction transaction = believed.resource();
		if (transaction.getTradeState() != Transaction.TradeStateEnum.SUCCESS) {
			// WeChat Pay notifies successes only; anything else changes nothing here
			log.info("WeChat Pay notify for {} in state {}: nothing to apply", transaction.getOutTradeNo(),
					transaction.getTradeState());
			return ResponseEntity.noContent().build();
		}
		Long orderId = OutTradeNo.orderId(transaction.getOutTradeNo()).orElse(null);
		if (orderId == null) {
			return refuse(new NotifyVerdict.Refused<>(HttpStatus.NOT_FOUND, "unknown-order", "Unknown out_trade_no"),
					headers);
		}
		PaymentOutcome outcome = this.payments.paid(new PaymentNotification(String.valueOf(orderId),
				transaction.getTransactionId(), transaction.getAmount().getTotal(), paidAt(transaction)));
		return switch (outcome) {
			case PAID, DUPLICATE, REFUND_DUE -> ResponseEntity.noContent().build();
			case UNKNOWN_ORDER ->
				refuse(new NotifyVerdict.Refused<>(HttpStatus.NOT_FOUND, "unknown-order", "Unknown out_trade_no"),
						headers);
			case AMOUNT_MISMATCH -> refuse(new NotifyVerdict.Refused<>(HttpStatus.BAD_REQUEST, "wrong-amount",
					"amount.total is not the order's total"), headers);
		};
	}

	/**
	 * {@code POST /api/payments/wechat/refund-notify}: WeChat Pay's refund results,
	 * believed by the same rules; 204 once the result is recorded here (now or before).
	 */
	@PostMapping("/api/payments/wechat/refund-notify")
	ResponseEntity<Map<String, String>> refundNotified(@RequestHeader HttpHeaders headers,
			@RequestBody(required = false) byte[] body) {
		String text = (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
		NotifyVerdict<RefundNotification> verdict = this.notifies.refund(headers, text);
		if (!(verdict instanceof NotifyVerdict.Believed<RefundNotification> believed)) {
			return refuse((NotifyVerdict.Refused<?>) verdict, headers);
		}
		RefundNotification refund = believed.resource();
		RefundOutcome outcome = this.refunds.refunded(refund.getOutRefundNo(),
				RefundStatus.valueOf(refund.getRefundStatus().name()), refund.getAmount().getRefund());
		return switch (outcome) {
			case APPLIED, DUPLICATE -> ResponseEntity.noContent().build();
			case UNKNOWN_REFUND ->
				refuse(new NotifyVerdict.Refused<>(HttpStatus.NOT_FOUND, "unknown-refund", "Unknown out_refund_no"),
						headers);
			case AMOUNT_MISMATCH -> refuse(new NotifyVerdict.Refused<>(HttpStatus.BAD_REQUEST, "wrong-amount",
					"amount.refund is not the refund's amount"), headers);
		};
	}

	private ResponseEntity<Map<String, String>> refuse(NotifyVerdict.Refused<?> refused, HttpHeaders headers) {
		// never the body, the signature or a key: the serial and WeChat Pay's request id
		// are enough to find the notify in WeChat Pay's merchant console
		log.warn("Refused a WeChat Pay notify ({}): {}; serial {}, request {}", refused.reason(), refused.message(),
				headers.getFirst("Wechatpay-Serial"), headers.getFirst("Request-ID"));
		this.meters.counter("minibase.payments.notifies.refused", "reason", refused.reason()).increment();
		return ResponseEntity.status(refused.status())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("code", "FAIL", "message", refused.message()));
	}

	private static Instant paidAt(Transaction transaction) {
		try {
			return OffsetDateTime.parse(transaction.getSuccessTime()).toInstant();
		}
		catch (RuntimeException ex) {
			return Instant.now();
		}
	}

}
