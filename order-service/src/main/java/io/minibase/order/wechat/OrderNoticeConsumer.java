package io.minibase.order.wechat;

import java.time.Instant;

import io.minibase.common.events.EventReader;
import io.minibase.common.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes this service's own {@code order.orders.v1} for what WeChat is told: the
 * buyers' subscribe messages (paid, shipped, about to expire, refunded) and the shipping
 * information of shipped orders. A consumer group of its own
 * ({@code order-service.wechat}): a message WeChat keeps refusing is retried and
 * dead-lettered without holding up any other consumer of the service. Failures are
 * retried, then dead-lettered to {@code order.orders.v1.dlt} (common-events).
 */
@Component
class OrderNoticeConsumer {

	private static final Logger log = LoggerFactory.getLogger(OrderNoticeConsumer.class);

	private final EventReader reader;

	private final SubscribeMessages messages;

	private final ShippingUploads shipping;

	private final NoticeMapper notices;

	OrderNoticeConsumer(EventReader reader, SubscribeMessages messages, ShippingUploads shipping,
			NoticeMapper notices) {
		this.reader = reader;
		this.messages = messages;
		this.shipping = shipping;
		this.notices = notices;
	}

	@KafkaListener(topics = WeChatEvents.TOPIC, groupId = "${spring.application.name}.wechat")
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = this.reader.read(record);
		switch (event.type()) {
			case WeChatEvents.OrderPaid.TYPE -> {
				WeChatEvents.OrderPaid paid = event.data(WeChatEvents.OrderPaid.class);
				this.messages.send(event.id(), notice(Notice.Kind.PAID, paid.orderId(), paid.userId(), paid.totalFen(),
						null, null, null, paid.at()));
			}
			case WeChatEvents.OrderShipped.TYPE -> {
				WeChatEvents.OrderShipped shipped = event.data(WeChatEvents.OrderShipped.class);
				this.shipping.due(event.id(), Long.parseLong(shipped.orderId()));
				this.messages.send(event.id(), notice(Notice.Kind.SHIPPED, shipped.orderId(), shipped.userId(), null,
						shipped.carrier(), shipped.trackingNo(), null, shipped.at()));
			}
			case WeChatEvents.OrderRefunded.TYPE -> {
				WeChatEvents.OrderRefunded refunded = event.data(WeChatEvents.OrderRefunded.class);
				this.messages.send(event.id(), notice(Notice.Kind.REFUNDED, refunded.orderId(), refunded.userId(),
						refunded.refundedFen(), null, null, null, refunded.at()));
			}
			case WeChatEvents.OrderExpiryNeared.TYPE -> {
				WeChatEvents.OrderExpiryNeared neared = event.data(WeChatEvents.OrderExpiryNeared.class);
				// paid (or cancelled) since the sweep found it: a reminder would be wrong
				if ("AWAITING_PAYMENT".equals(this.notices.status(Long.parseLong(neared.orderId())))) {
					this.messages.send(event.id(), notice(Notice.Kind.EXPIRING, neared.orderId(), neared.userId(), null,
							null, null, neared.expiresAt(), neared.at()));
				}
			}
			default -> log.debug("Ignoring event {} of type {}", event.id(), event.type());
		}
	}

	private Notice notice(Notice.Kind kind, String orderId, String userId, Long amountFen, String carrier,
			String trackingNo, Instant expiresAt, Instant at) {
		long id = Long.parseLong(orderId);
		return new Notice(kind, id, Long.parseLong(userId), this.notices.itemNames(id), amountFen, carrier, trackingNo,
				expiresAt, at);
	}

}
