package io.minibase.localservers;

/** A reachable Kafka cluster. */
public record Kafka(String bootstrapServers, Origin origin) {
}
