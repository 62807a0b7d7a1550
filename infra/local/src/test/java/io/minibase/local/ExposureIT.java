package io.minibase.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.minibase.localservers.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What someone who reaches the machine at one of its other addresses finds on the local
 * stack: the gateway, and nothing else (issue 22), called from the machine itself and
 * from a neighbour (a network namespace of the test's own). And what someone on the
 * machine itself finds on a service's actuator: reading, but no dead-letter replay
 * without the operator's credential.
 */
@ExtendWith(SharedStack.class)
class ExposureIT {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void fromAnotherAddressOfTheMachineOnlyTheGatewayAnswers() throws Exception {
		List<InetAddress> outside = outsideAddresses();
		assumeThat(outside).as("an address of this machine besides loopback to call from").isNotEmpty();
		LocalStack stack = SharedStack.stack();
		int gateway = URI.create(stack.gatewayUrl()).getPort();
		Map<String, Integer> closed = closedPorts(stack);

		for (InetAddress address : outside) {
			String host = (address instanceof Inet6Address) ? "[" + address.getHostAddress() + "]"
					: address.getHostAddress();
			HttpResponse<String> categories = http
				.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + gateway + "/api/catalog/categories"))
					.build(), BodyHandlers.ofString());
			assertThat(categories.statusCode()).as("the gateway at %s", host).isEqualTo(200);
			closed.forEach((name, port) -> assertThatThrownBy(() -> connect(address, port))
				.as("%s (port %d) at %s", name, port, host)
				.isInstanceOf(ConnectException.class));
		}
	}

	/**
	 * The same from another machine's point of view: a network namespace of the test's
	 * own, whose address is not the machine's, calls the machine over a veth pair (needs
	 * root and iproute2; skipped without them).
	 */
	@Test
	void fromANeighbourOnTheNetworkOnlyTheGatewayAnswers() throws Exception {
		Optional<NetworkNamespace> made = NetworkNamespace.create();
		assumeThat(made).as("a network namespace of the test's own (root, iproute2)").isPresent();
		try (NetworkNamespace neighbour = made.get()) {
			LocalStack stack = SharedStack.stack();
			String machine = neighbour.machineAddress();
			int gateway = URI.create(stack.gatewayUrl()).getPort();
			assertThat(neighbour.get("http://" + machine + ":" + gateway + "/api/catalog/categories"))
				.as("the gateway at %s, from %s", machine, neighbour.ownAddress())
				.isEqualTo(200);
			closedPorts(stack).forEach((name, port) -> {
				try {
					assertThat(neighbour.get("http://" + machine + ":" + port + "/"))
						.as("%s (port %d) at %s, from %s", name, port, machine, neighbour.ownAddress())
						.isEqualTo(-NetworkNamespace.REFUSED);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	/**
	 * Every port of the stack but the gateway's: services, management, stubs, Kafka,
	 * nginx.
	 */
	private static Map<String, Integer> closedPorts(LocalStack stack) {
		Map<String, Integer> closed = new LinkedHashMap<>();
		for (String app : List.of("auth-service", "catalog-service", "catalog-service-2", "order-service",
				"file-service", LocalStack.GATEWAY)) {
			// the gateway's URL here is its actuator's, on the management port
			stack.url(app).ifPresent((url) -> closed.put(app, URI.create(url).getPort()));
		}
		closed.put("WeChat stub", URI.create(stack.weChatStubUrl()).getPort());
		closed.put("WeChat Pay stub", URI.create(stack.payStubUrl()).getPort());
		if (stack.infra().kafka().origin() == Origin.EMBEDDED) {
			String bootstrap = stack.infra().kafka().bootstrapServers();
			closed.put("Kafka", Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)));
		}
		stack.nginx().ifPresent((nginx) -> closed.put("nginx", URI.create(nginx.url()).getPort()));
		assertThat(closed).containsKeys("auth-service", "order-service", LocalStack.GATEWAY);
		return closed;
	}

	@Test
	void onTheMachineReadingTheActuatorIsOpenAndReplayNeedsTheOperator() throws Exception {
		LocalStack stack = SharedStack.stack();
		String order = stack.url("order-service").orElseThrow();
		assertThat(http
			.send(HttpRequest.newBuilder(URI.create(order + "/actuator/deadletters")).build(), BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);

		URI replay = URI.create(order + "/actuator/deadletters/order.orders.v1");
		HttpResponse<String> refused = http.send(HttpRequest.newBuilder(replay).POST(BodyPublishers.noBody()).build(),
				BodyHandlers.ofString());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		String operator = "operator:" + stack.operatorPassword();
		HttpResponse<String> replayed = http.send(HttpRequest.newBuilder(replay)
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(operator.getBytes(StandardCharsets.UTF_8)))
			.POST(BodyPublishers.noBody())
			.build(), BodyHandlers.ofString());
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
	}

	private static void connect(InetAddress address, int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
		}
	}

	/** This machine's addresses that are not loopback (nor IPv6 link-local). */
	private static List<InetAddress> outsideAddresses() throws SocketException {
		List<InetAddress> addresses = new ArrayList<>();
		for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
			if (!network.isUp() || network.isLoopback()) {
				continue;
			}
			network.inetAddresses()
				.filter((address) -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
				.forEach(addresses::add);
		}
		return addresses;
	}

}
