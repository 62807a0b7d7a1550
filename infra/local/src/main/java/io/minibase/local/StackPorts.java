package io.minibase.local;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.minibase.testsupport.Ports;

/** The ports the local stack listens on; the standard ones are those api.md names. */
public record StackPorts(int gateway, int gatewayManagement, int auth, int catalog, int order, int file, int weChat) {

	/**
	 * 8080 for the gateway (9080 its actuator), 8081..8084 for the services, 8090 the
	 * stub.
	 */
	public static StackPorts standard() {
		return new StackPorts(8080, 9080, 8081, 8082, 8083, 8084, 8090);
	}

	/**
	 * Free ports right now, for a second stack (an end-to-end test) next to a
	 * developer's.
	 */
	public static StackPorts free() {
		// the OS may hand out a port it just gave us again: insist on seven different
		// ones
		Set<Integer> ports = new LinkedHashSet<>();
		while (ports.size() < 7) {
			ports.add(Ports.free());
		}
		Iterator<Integer> next = ports.iterator();
		return new StackPorts(next.next(), next.next(), next.next(), next.next(), next.next(), next.next(),
				next.next());
	}

	/** Every port with what listens on it, for the "already in use" check. */
	Map<Integer, String> byPort() {
		Map<Integer, String> ports = new LinkedHashMap<>();
		ports.put(this.gateway, "gateway");
		ports.put(this.gatewayManagement, "gateway actuator");
		ports.put(this.auth, "auth-service");
		ports.put(this.catalog, "catalog-service");
		ports.put(this.order, "order-service");
		ports.put(this.file, "file-service");
		ports.put(this.weChat, "WeChat stub");
		return ports;
	}

	String gatewayUrl() {
		return "http://127.0.0.1:" + this.gateway;
	}

}
