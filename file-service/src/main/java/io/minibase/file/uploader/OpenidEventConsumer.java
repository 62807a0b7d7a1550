package io.minibase.file.uploader;

import java.time.Instant;

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

	static final String TOPIC = "auth.openids.v1";

	static final String LINKED = "auth.WeChatOpenidLinked.v1";

	private final EventReader reader;

	private final Uploaders uploaders;

	OpenidEventConsumer(EventReader reader, Uploaders uploaders) {
		this.reader = reader;
		this.uploaders = uploaders;
	}

	@KafkaListener(topics = TOPIC)
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = this.reader.read(record);
		if (LINKED.equals(event.type())) {
			WeChatOpenidLinked linked = event.data(WeChatOpenidLinked.class);
			this.uploaders.linked(event.id(), Long.parseLong(linked.userId()), linked.appId(), linked.openid(),
					linked.linkedAt());
		}
		else {
			log.debug("Ignoring event {} of type {}", event.id(), event.type());
		}
	}

	/** The user's openid for the mini-program {@code appId} (schema in common-events). */
	record WeChatOpenidLinked(String userId, String appId, String openid, Instant linkedAt) {
	}

}
