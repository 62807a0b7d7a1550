package io.minibase.order.payment;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayWithRequestPaymentResponse;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.minibase.order.buyer.Buyers;
import io.minibase.order.config.OrderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * WeChat Pay API v3, JSAPI: a prepay for the buyer's openid, and the parameters of
 * {@code wx.requestPayment} signed with the merchant key, both by the official SDK. The
 * order's number at WeChat Pay is {@link OutTradeNo}, so prepaying an order again opens
 * no second payment. A circuit breaker answers at once while WeChat Pay keeps failing.
 */
@Component
@ConditionalOnProperty(name = "order.payment.provider", havingValue = WeChatPayProvider.NAME)
class WeChatPayProvider implements PaymentProvider {

	static final String NAME = "wechat-pay";

	private static final Logger log = LoggerFactory.getLogger(WeChatPayProvider.class);

	/** {@code time_expire} as WeChat Pay writes times: RFC 3339 in Beijing time. */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final JsapiServiceExtension jsapi;

	private final RefundService refunds;

	private final CircuitBreaker breaker;

	private final OrderProperties.WeChatPay settings;

	private final Buyers buyers;

	WeChatPayProvider(JsapiServiceExtension jsapi, RefundService refunds, CircuitBreaker weChatPayCircuitBreaker,
			OrderProperties properties, Buyers buyers) {
		this.jsapi = jsapi;
		this.refunds = refunds;
		this.breaker = weChatPayCircuitBreaker;
		this.settings = properties.payment().wechat();
		this.buyers = buyers;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Prepay prepay(PrepayRequest request) {
		com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest prepay = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
		prepay.setAppid(this.settings.appId());
		prepay.setMchid(this.settings.merchantId());
		prepay.setDescription(request.description());
		prepay.setOutTradeNo(OutTradeNo.of(Long.parseLong(request.orderId())).value());
		prepay.setNotifyUrl(this.settings.notifyUrl());
		// WeChat Pay takes no money once our payment window is over
		prepay.setTimeExpire(TIME.format(request.payBefore().truncatedTo(ChronoUnit.SECONDS)));
		Amount amount = new Amount();
		amount.setTotal(Math.toIntExact(request.amountFen()));
		amount.setCurrency("CNY");
		prepay.setAmount(amount);
		Payer payer = new Payer();
		payer.setOpenid(this.buyers.openid(request.buyerId(), this.settings.appId()).orElseThrow(PayerUnknown::new));
		prepay.setPayer(payer);
		PrepayWithRequestPaymentResponse answer;
		try {
			answer = this.breaker.executeSupplier(() -> this.jsapi.prepayWithRequestPayment(prepay));
		}
		catch (CallNotPermittedException ex) {
			log.warn("WeChat Pay circuit open; prepay of order {} refused at once", request.orderId());
			throw new PaymentUnavailable(ex);
		}
		catch (ServiceException ex) {
			if (isOutage(ex)) {
				log.warn("WeChat Pay failed the prepay of order {}: HTTP {} {}", request.orderId(),
						ex.getHttpStatusCode(), ex.getErrorCode());
				throw new PaymentUnavailable(ex);
			}
			log.error("WeChat Pay refused the prepay of order {}: HTTP {} {}", request.orderId(),
					ex.getHttpStatusCode(), ex.getErrorCode());
			throw PaymentRefused.because(ex.getErrorCode(), ex);
		}
		catch (HttpException | ValidationException | MalformedMessageException ex) {
			// a wrong signature on the answer is an outage to the buyer, and an alert to
			// us
			log.warn("WeChat Pay prepay of order {} failed: {}", request.orderId(), ex.getClass().getSimpleName());
			throw new PaymentUnavailable(ex);
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("timeStamp", answer.getTimeStamp());
		parameters.put("nonceStr", answer.getNonceStr());
		parameters.put("package", answer.getPackageVal());
		parameters.put("signType", answer.getSignType());
		parameters.put("paySign", answer.getPaySign());
		return new Prepay(answer.getPackageVal().substring("prepay_id=".length()), parameters);
	}

	@Override
	public PaymentState query(String orderId) {
		QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
		query.setMchid(this.settings.merchantId());
		query.setOutTradeNo(OutTradeNo.of(Long.parseLong(orderId)).value());
		Transaction transaction;
		try {
			transaction = call(() -> this.jsapi.queryOrderByOutTradeNo(query));
		}
		catch (ServiceException ex) {
			if ("ORDER_NOT_EXIST".equals(ex.getErrorCode()) || ex.getHttpStatusCode() == 404) {
				return new PaymentState.Closed();
			}
			throw unavailable("query", orderId, ex);
		}
		return switch ((transaction.getTradeState() != null) ? transaction.getTradeState()
				: Transaction.TradeStateEnum.NOTPAY) {
			// REFUND: paid, and (partly) refunded since
			case SUCCESS, REFUND -> new PaymentState.Paid(new PaymentNotification(orderId,
					transaction.getTransactionId(), transaction.getAmount().getTotal(), Instant.now()));
			case CLOSED, REVOKED -> new PaymentState.Closed();
			default -> new PaymentState.Open();
		};
	}

	@Override
	public PaymentState close(String orderId) {
		CloseOrderRequest close = new CloseOrderRequest();
		close.setMchid(this.settings.merchantId());
		close.setOutTradeNo(OutTradeNo.of(Long.parseLong(orderId)).value());
		try {
			call(() -> {
				this.jsapi.closeOrder(close);
				return null;
			});
			return new PaymentState.Closed();
		}
		catch (ServiceException ex) {
			if ("ORDERPAID".equals(ex.getErrorCode())) {
				// the buyer paid just before: the money is here, and must be applied
				return query(orderId);
			}
			if ("ORDER_NOT_EXIST".equals(ex.getErrorCode()) || "ORDER_CLOSED".equals(ex.getErrorCode())) {
				return new PaymentState.Closed();
			}
			throw unavailable("close", orderId, ex);
		}
	}

	@Override
	public RefundStatus refund(RefundRequest request) {
		CreateRequest refund = new CreateRequest();
		refund.setOutTradeNo(OutTradeNo.of(Long.parseLong(request.orderId())).value());
		refund.setOutRefundNo(request.refundNo());
		refund.setReason(request.reason());
		refund.setNotifyUrl(this.settings.resolvedRefundNotifyUrl());
		AmountReq amount = new AmountReq();
		amount.setRefund(request.amountFen());
		amount.setTotal(request.totalFen());
		amount.setCurrency("CNY");
		refund.setAmount(amount);
		Refund accepted;
		try {
			accepted = call(() -> this.refunds.create(refund));
		}
		catch (ServiceException ex) {
			if (isOutage(ex)) {
				throw unavailable("refund", request.orderId(), ex);
			}
			log.error("WeChat Pay refused refund {} of order {}: HTTP {} {}", request.refundNo(), request.orderId(),
					ex.getHttpStatusCode(), ex.getErrorCode());
			throw PaymentRefused.because(ex.getErrorCode(), ex);
		}
		return (accepted.getStatus() != null) ? RefundStatus.valueOf(accepted.getStatus().name())
				: RefundStatus.PROCESSING;
	}

	@Override
	public RefundStatus refundStatus(String refundNo) {
		QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
		query.setOutRefundNo(refundNo);
		Refund refund;
		try {
			refund = call(() -> this.refunds.queryByOutRefundNo(query));
		}
		catch (ServiceException ex) {
			throw unavailable("refund query", refundNo, ex);
		}
		return (refund.getStatus() != null) ? RefundStatus.valueOf(refund.getStatus().name()) : RefundStatus.PROCESSING;
	}

	/**
	 * A call through the circuit breaker; WeChat Pay's outage as
	 * {@link PaymentUnavailable}, its answers (ServiceException) to the caller.
	 */
	private <T> T call(Supplier<T> call) {
		try {
			return this.breaker.executeSupplier(call);
		}
		catch (CallNotPermittedException | HttpException | ValidationException | MalformedMessageException ex) {
			throw new PaymentUnavailable(ex);
		}
	}

	private PaymentUnavailable unavailable(String what, String orderId, ServiceException ex) {
		log.warn("WeChat Pay {} of order {} failed: HTTP {} {}", what, orderId, ex.getHttpStatusCode(),
				ex.getErrorCode());
		return new PaymentUnavailable(ex);
	}

	/** WeChat Pay's own trouble, not its refusal of one request. */
	static boolean isOutage(Throwable ex) {
		if (ex instanceof ServiceException service) {
			return service.getHttpStatusCode() >= 500 || "SYSTEM_ERROR".equals(service.getErrorCode())
					|| "FREQUENCY_LIMITED".equals(service.getErrorCode());
		}
		return ex instanceof HttpException || ex instanceof ValidationException
				|| ex instanceof MalformedMessageException;
	}

}
