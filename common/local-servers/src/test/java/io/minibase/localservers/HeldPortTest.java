package io.minibase.localservers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the launcher relies on when it hands a held port to a child: the child can listen
 * on it, nothing else can take it, before, during or after the child.
 */
class HeldPortTest {

	@Test
	void aServerWithReuseAddressListensOnAHeldPortAndIsReached() throws IOException {
		try (HeldPort held = Ports.hold(0)) {
			// the JDK's server channels (Tomcat, Netty, Kafka) set SO_REUSEADDR on Linux
			try (ServerSocketChannel child = ServerSocketChannel.open()) {
				child.bind(new InetSocketAddress(held.port()));
				try (Socket client = new Socket(InetAddress.getLoopbackAddress(), held.port())) {
					assertThat(client.isConnected()).isTrue();
				}
			}
		}
	}

	@Test
	void nothingWithoutReuseAddressTakesAHeldPortBeforeDuringOrAfterTheChild() throws IOException {
		try (HeldPort held = Ports.hold(0)) {
			assertThatThrownBy(() -> bindWithoutReuse(held.port())).isInstanceOf(IOException.class);
			try (ServerSocketChannel child = ServerSocketChannel.open()) {
				child.bind(new InetSocketAddress(held.port()));
				assertThatThrownBy(() -> bindWithoutReuse(held.port())).isInstanceOf(IOException.class);
			}
			// the child has gone (a crash drill): its port is still the stack's
			assertThatThrownBy(() -> bindWithoutReuse(held.port())).isInstanceOf(IOException.class);
			try (ServerSocketChannel restarted = ServerSocketChannel.open()) {
				restarted.bind(new InetSocketAddress(held.port()));
			}
		}
	}

	@Test
	void aPortSomethingListensOnCannotBeHeld() throws IOException {
		try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			assertThatExceptionOfType(Ports.PortTaken.class).isThrownBy(() -> Ports.hold(other.getLocalPort()))
				.satisfies((ex) -> assertThat(ex.port()).isEqualTo(other.getLocalPort()));
		}
	}

	@Test
	void anyPortIsNeverOneThatIsAlreadyHeld() {
		List<HeldPort> held = new ArrayList<>();
		try {
			for (int i = 0; i < 200; i++) {
				held.add(Ports.hold(0));
			}
			assertThat(held.stream().map(HeldPort::port).distinct()).hasSize(held.size());
		}
		finally {
			held.forEach(HeldPort::close);
		}
	}

	@Test
	void aPreferredPortThatIsTakenGivesAnyOther() throws IOException {
		try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				HeldPort held = Ports.holdPreferred(other.getLocalPort())) {
			assertThat(held.port()).isPositive().isNotEqualTo(other.getLocalPort());
		}
	}

	private static void bindWithoutReuse(int port) throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		}
	}

}
