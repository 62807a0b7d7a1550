package io.minibase.localservers;

/** A reachable Redis server. */
public record Redis(String host, int port, Origin origin) {
}
