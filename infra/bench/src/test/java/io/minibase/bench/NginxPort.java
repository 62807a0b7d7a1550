package io.minibase.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The port the bench's nginx listens on: chosen when the simulation is built (its
 * protocol needs a base URL then), taken by nginx later in {@code before()}.
 */
final class NginxPort {

	private static final int PORT = free();

	private static volatile boolean started;

	private NginxPort() {
	}

	static int value() {
		return PORT;
	}

	static boolean started() {
		return started;
	}

	static void markStarted() {
		started = true;
	}

	private static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
