package io.minibase.order.buyer;

import io.minibase.common.events.EventReader;
import io.minibase.common.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes auth-service's {@code auth.openids.v1}; failures are retried, then
 * dead-lettered to {@code auth.openids.v1.dlt} (common-events).
 */
@Component
class OpenidEventConsumer {

	private static final Logger log = LoggerFactory.getLogger(OpenidEventConsumer.class);

	private final EventReader reader;

	private final Buyers buyers;

	OpenidEventConsumer(EventReader reader, Buyers buyers) {
		this.reader = reader;
		this.buyers = buyers;
	}

	@KafkaListener(topics = BuyerEvents.TOPIC)
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = this.reader.read(record);
		if (BuyerEvents.WeChatOpenidLinked.TYPE.equals(event.type())) {
			this.buyers.linked(event.id(), event.data(BuyerEvents.WeChatOpenidLinked.class));
		}
		else {
			log.debug("Ignoring event {} of type {}", event.id(), event.type());
		}
	}

}
