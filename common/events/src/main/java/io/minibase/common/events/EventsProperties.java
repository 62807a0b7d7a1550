package io.minibase.common.events;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event backbone ({@code minibase.events.*}).
 *
 * @param source the CloudEvents {@code source}, e.g. {@code /order-service}; defaults to
 * {@code /} and the application name
 * @param topics the topics this service publishes to or consumes; each is created with
 * its {@code .dlt} twin
 * @param partitions partitions of every topic (and its dead-letter twin)
 * @param replicationFactor 1 on one broker; 3 in production
 * @param minInsyncReplicas 1 on one broker; 2 in production
 * @param relay the outbox relay
 * @param consumer retries before a record goes to its dead-letter topic
 */
@ConfigurationProperties("minibase.events")
public record EventsProperties(@DefaultValue("") String source, @DefaultValue List<String> topics,
		@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor,
		@DefaultValue("1") int minInsyncReplicas, @DefaultValue Relay relay, @DefaultValue Consumer consumer) {

	/**
	 * @param enabled whether this instance relays at all
	 * @param batchSize rows published per round
	 * @param interval pause between polling rounds: the safety net that publishes what a
	 * commit's wake-up missed (a crash between commit and send, or a commit on another
	 * instance while this one holds the relay lease)
	 * @param retention how long published rows are kept before they are purged
	 */
	public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("100") int batchSize,
			@DefaultValue("200ms") Duration interval, @DefaultValue("3d") Duration retention) {
	}

	/**
	 * @param attempts deliveries of a failing record before it is dead-lettered
	 * @param initialBackoff pause after the first failure, doubled after each next one
	 * @param maxBackoff the longest pause
	 * @param commitInterval how often a consumer commits the offsets of what it applied,
	 * without waiting for the broker; every consumer records each event it applied
	 * ({@code processed_event}), so what a crash leaves uncommitted is redelivered and
	 * changes nothing. A synchronous commit after every poll held the next poll (the
	 * saga's next step) for a broker round trip and wrote {@code __consumer_offsets} once
	 * per event at 100 orders a second.
	 */
	public record Consumer(@DefaultValue("4") int attempts, @DefaultValue("500ms") Duration initialBackoff,
			@DefaultValue("5s") Duration maxBackoff, @DefaultValue("100ms") Duration commitInterval) {
	}

}
