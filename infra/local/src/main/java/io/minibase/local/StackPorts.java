package io.minibase.local;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ports the local stack listens on; the standard ones are those api.md names. */
public record StackPorts(int gateway, int gatewayManagement, int auth, int catalog, int order, int file, int weChat,
		int weChatPay) {

	private static final String GATEWAY = "gateway";

	private static final String GATEWAY_MANAGEMENT = "gateway actuator";

	private static final String AUTH = "auth-service";

	private static final String CATALOG = "catalog-service";

	private static final String ORDER = "order-service";

	private static final String FILE = "file-service";

	private static final String WECHAT = "WeChat stub";

	private static final String WECHAT_PAY = "WeChat Pay stub";

	/**
	 * 8080 for the gateway (9080 its actuator), 8081..8084 for the services, 8090 the
	 * WeChat stub, 8091 the WeChat Pay stub.
	 */
	public static StackPorts standard() {
		return new StackPorts(8080, 9080, 8081, 8082, 8083, 8084, 8090, 8091);
	}

	/**
	 * Any ports, for a second stack (an end-to-end test) next to a developer's: each 0 is
	 * a port the launcher holds for the process that listens on it (see
	 * {@code HeldPort}).
	 */
	public static StackPorts any() {
		return new StackPorts(0, 0, 0, 0, 0, 0, 0, 0);
	}

	/** Every port by what listens on it, in the order of the record. */
	Map<String, Integer> byName() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put(GATEWAY, this.gateway);
		ports.put(GATEWAY_MANAGEMENT, this.gatewayManagement);
		ports.put(AUTH, this.auth);
		ports.put(CATALOG, this.catalog);
		ports.put(ORDER, this.order);
		ports.put(FILE, this.file);
		ports.put(WECHAT, this.weChat);
		ports.put(WECHAT_PAY, this.weChatPay);
		return ports;
	}

	/** The inverse of {@link #byName()}. */
	static StackPorts fromNames(Map<String, Integer> ports) {
		return new StackPorts(ports.get(GATEWAY), ports.get(GATEWAY_MANAGEMENT), ports.get(AUTH), ports.get(CATALOG),
				ports.get(ORDER), ports.get(FILE), ports.get(WECHAT), ports.get(WECHAT_PAY));
	}

	String gatewayUrl() {
		return "http://127.0.0.1:" + this.gateway;
	}

}
