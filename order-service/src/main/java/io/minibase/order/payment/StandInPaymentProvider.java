package io.minibase.order.payment;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.minibase.order.config.OrderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A stand-in for WeChat Pay in the local stack and tests: every prepay is confirmed as
 * paid a moment later, with a transaction id derived from the order, so repeated prepays
 * of one order notify the same payment (and it is applied once). Its parameters are not
 * signed: {@code wx.requestPayment} would refuse them, which is right outside a real
 * merchant account.
 */
@Component
@ConditionalOnProperty(name = "order.payment.provider", havingValue = StandInPaymentProvider.NAME)
class StandInPaymentProvider implements PaymentProvider {

	static final String NAME = "stand-in";

	private static final Logger log = LoggerFactory.getLogger(StandInPaymentProvider.class);

	private final SecureRandom random = new SecureRandom();

	private final ObjectProvider<PaymentNotifications> notifications;

	private final Executor later;

	StandInPaymentProvider(ObjectProvider<PaymentNotifications> notifications, OrderProperties settings) {
		this.notifications = notifications;
		this.later = CompletableFuture.delayedExecutor(settings.payment().standInDelay().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Prepay prepay(PrepayRequest request) {
		String prepayId = "standin-prepay-" + request.orderId();
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("timeStamp", String.valueOf(Instant.now().getEpochSecond()));
		parameters.put("nonceStr", nonce());
		parameters.put("package", "prepay_id=" + prepayId);
		parameters.put("signType", "RSA");
		parameters.put("paySign", "stand-in-unsigned");
		this.later.execute(() -> notifyPaid(request));
		return new Prepay(prepayId, parameters);
	}

	private void notifyPaid(PrepayRequest request) {
		try {
			this.notifications.getObject()
				.paid(new PaymentNotification(request.orderId(), "standin-" + request.orderId(), request.amountFen(),
						Instant.now()));
		}
		catch (RuntimeException ex) {
			// a real provider retries its notification; paying again prepays again
			log.warn("Stand-in payment notification for order {} failed: {}", request.orderId(), ex.getMessage());
		}
	}

	private String nonce() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
