package io.minibase.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A TCP port held for a child process (a service, a broker, nginx) from before it starts
 * until after it has stopped, so that nothing else can take it in between.
 *
 * <p>
 * The port is held by a socket that is bound with {@code SO_REUSEADDR} but never listens
 * and never connects. On Linux such a socket keeps every other program off the port:
 * outgoing connections never pick a port that a socket was explicitly bound to, and a
 * server without {@code SO_REUSEADDR} gets "address already in use". A server that sets
 * {@code SO_REUSEADDR} (the JDK's server sockets, and so Tomcat, Netty and Kafka;
 * MariaDB, Redis and nginx) may still bind and listen on it, because the holder is not
 * listening: that is how the child takes the port while the launcher keeps holding it.
 * When the child restarts (a crash drill), it gets the same port back for the same
 * reason.
 */
public final class HeldPort implements AutoCloseable {

	private final Socket socket;

	private final int port;

	private HeldPort(Socket socket) {
		this.socket = socket;
		this.port = socket.getLocalPort();
	}

	static HeldPort bind(int port) {
		Socket socket = new Socket();
		try {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return new HeldPort(socket);
		}
		catch (BindException ex) {
			closeQuietly(socket);
			throw new Ports.PortTaken(port, ex);
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new UncheckedIOException("Could not hold port " + port, ex);
		}
	}

	/** The port held. */
	public int port() {
		return this.port;
	}

	/** Lets the port go (the child keeps it as long as it listens). */
	@Override
	public void close() {
		closeQuietly(this.socket);
	}

	@Override
	public String toString() {
		return "HeldPort[" + port() + "]";
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing to let go of
		}
	}

}
