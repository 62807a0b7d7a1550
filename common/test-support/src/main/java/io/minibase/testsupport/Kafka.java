package io.minibase.testsupport;

/** A reachable Kafka cluster. */
public record Kafka(String bootstrapServers, Origin origin) {
}
