package io.minibase.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Small helpers for finding servers on this machine and for giving a port to a child
 * process without a race.
 *
 * <p>
 * There is deliberately no "find a free port" here: a port found by binding and closing a
 * socket comes from the ephemeral range, the same range every outgoing connection (Kafka,
 * MySQL, Redis, HTTP clients) takes its local port from, so another socket can take it
 * before the child binds it. Use {@link #hold(int)} instead.
 */
public final class Ports {

	private Ports() {
	}

	/** Whether something accepts TCP connections at host:port (within half a second). */
	public static boolean isOpen(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Holds a port for a child process until {@link HeldPort#close() closed}: the port,
	 * or any port when {@code port} is 0.
	 * @throws PortTaken when something else already holds or listens on {@code port}
	 * @see HeldPort
	 */
	public static HeldPort hold(int port) {
		return HeldPort.bind(port);
	}

	/** The preferred port when it can be held, otherwise any port. */
	public static HeldPort holdPreferred(int port) {
		try {
			return hold(port);
		}
		catch (PortTaken ex) {
			return hold(0);
		}
	}

	/** A port that could not be held: something else holds it or listens on it. */
	public static final class PortTaken extends UncheckedIOException {

		private final int port;

		PortTaken(int port, IOException cause) {
			super("Port " + port + " is already in use", cause);
			this.port = port;
		}

		public int port() {
			return this.port;
		}

	}

}
