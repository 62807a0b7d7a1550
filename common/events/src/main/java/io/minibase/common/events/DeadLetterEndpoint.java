package io.minibase.common.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Replays a dead-letter topic after the fix is deployed: {@code GET
 * /actuator/deadletters} tells how many records wait per topic; {@code POST
 * /actuator/deadletters/{topic}} sends each waiting record of {@code <topic>.dlt} back to
 * {@code <topic>} once (the replay position is a consumer group of its own), where the
 * idempotent consumer applies it at most once.
 */
@Endpoint(id = "deadletters")
class DeadLetterEndpoint {

	private static final Duration REPLAY_LIMIT = Duration.ofSeconds(60);

	/** How long one call to the broker may take. */
	private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);

	private final Map<String, Object> consumerConfig;

	private final KafkaTemplate<String, byte[]> kafka;

	private final EventsProperties properties;

	DeadLetterEndpoint(Map<String, Object> consumerConfig, String applicationName, KafkaTemplate<String, byte[]> kafka,
			EventsProperties properties) {
		Map<String, Object> config = new HashMap<>(consumerConfig);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, applicationName + ".dlt-replay");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		// an operator waits for these calls (GET and the replay, through the admin API
		// too): a broker that does not answer is a 503 within seconds (the gateway gives
		// up on a service after 15 s), not Kafka's 60 s default
		config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.minusSeconds(1).toMillis());
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
		this.consumerConfig = Map.copyOf(config);
		this.kafka = kafka;
		this.properties = properties;
	}

	@ReadOperation
	Map<String, Long> waiting() {
		Map<String, Long> waiting = new LinkedHashMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.consumerConfig)) {
			for (String topic : this.properties.topics()) {
				List<TopicPartition> partitions = partitions(consumer, topic + DeadLetters.SUFFIX);
				Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
				Map<TopicPartition, OffsetAndMetadata> done = consumer.committed(new HashSet<>(partitions));
				Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
				waiting.put(topic,
						partitions.stream()
							.mapToLong(
									(p) -> ends.get(p) - ((done.get(p) != null) ? done.get(p).offset() : starts.get(p)))
							.sum());
			}
		}
		return waiting;
	}

	@WriteOperation
	Map<String, Object> replay(@Selector String topic) {
		if (!this.properties.topics().contains(topic)) {
			throw new IllegalArgumentException("Unknown topic " + topic + "; known: " + this.properties.topics());
		}
		int replayed = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.consumerConfig)) {
			List<TopicPartition> partitions = partitions(consumer, topic + DeadLetters.SUFFIX);
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			Instant deadline = Instant.now().plus(REPLAY_LIMIT);
			List<CompletableFuture<?>> sends = new ArrayList<>();
			while (!caughtUp(consumer, partitions, ends) && Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
						sends.add(this.kafka.send(back(topic, record)));
						replayed++;
					}
				}
			}
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
			Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
			for (TopicPartition partition : partitions) {
				positions.put(partition,
						new OffsetAndMetadata(Math.min(consumer.position(partition), ends.get(partition))));
			}
			consumer.commitSync(positions);
		}
		return Map.of("topic", topic, "replayed", replayed);
	}

	private static ProducerRecord<String, byte[]> back(String topic, ConsumerRecord<byte[], byte[]> record) {
		List<Header> headers = new ArrayList<>();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt-")) {
				headers.add(header);
			}
		}
		String key = (record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null;
		return new ProducerRecord<>(topic, null, key, record.value(), headers);
	}

	private static boolean caughtUp(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
			Map<TopicPartition, Long> ends) {
		return partitions.stream().allMatch((p) -> consumer.position(p) >= ends.get(p));
	}

	private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
		return consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
	}

}
