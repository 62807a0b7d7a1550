package io.minibase.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Small helpers for finding servers and free ports on this machine. */
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

	/** A port nothing listens on right now. */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The preferred port when it is free, otherwise any free one. */
	public static int preferred(int port) {
		return (port > 0 && !isOpen("127.0.0.1", port)) ? port : free();
	}

}
