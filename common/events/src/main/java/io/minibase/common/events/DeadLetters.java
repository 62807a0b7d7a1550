package io.minibase.common.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Where a record goes when its retries are spent: {@code <topic>.dlt}, same partition,
 * same key, value and headers, plus the failure in {@code kafka_dlt-*} headers; counted
 * in {@code minibase.events.dead.letters}.
 */
class DeadLetters implements ConsumerRecordRecoverer {

	static final String SUFFIX = ".dlt";

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private final DeadLetterPublishingRecoverer publisher;

	private final MeterRegistry meters;

	DeadLetters(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
		this.publisher = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(record.topic() + SUFFIX, record.partition()));
		this.meters = meters;
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Exception failure) {
		log.error("Dead-lettering {}-{}@{} (key {}) after its retries", record.topic(), record.partition(),
				record.offset(), record.key(), failure);
		this.publisher.accept(record, failure);
		Counter.builder("minibase.events.dead.letters")
			.description("Records moved to a dead-letter topic after their retries")
			.tag("topic", record.topic())
			.register(this.meters)
			.increment();
	}

}
