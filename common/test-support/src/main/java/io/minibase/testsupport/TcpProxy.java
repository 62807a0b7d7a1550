package io.minibase.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.minibase.localservers.HeldPort;
import io.minibase.localservers.Ports;

/**
 * A TCP proxy to a server on this machine that a test can take away (every connection
 * closed, new ones refused) and bring back on the same port: a server that goes down and
 * comes back, without stopping the real one.
 */
public final class TcpProxy {

	/** Held for the proxy's whole life, so it gets its port back after a stop. */
	private final HeldPort port = Ports.hold(0);

	private final int target;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	/** A proxy to {@code 127.0.0.1:target}, not started yet. */
	public TcpProxy(int target) {
		this.target = target;
	}

	/** Where clients connect instead of the target. */
	public int port() {
		return this.port.port();
	}

	/** Takes connections (again), on the same port. */
	public synchronized TcpProxy start() {
		if (this.server != null) {
			return this;
		}
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", this.port.port()));
			this.server = socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ServerSocket listening = this.server;
		Thread.ofVirtual().start(() -> accept(listening));
		return this;
	}

	/** Closes every connection and refuses new ones until {@link #start()}. */
	public synchronized void stop() {
		if (this.server == null) {
			return;
		}
		close(this.server);
		this.server = null;
		this.open.forEach(TcpProxy::close);
		this.open.clear();
	}

	private void accept(ServerSocket listening) {
		while (!listening.isClosed()) {
			try {
				Socket client = listening.accept();
				Socket upstream = new Socket("127.0.0.1", this.target);
				this.open.add(client);
				this.open.add(upstream);
				Thread.ofVirtual().start(() -> pump(client, upstream));
				Thread.ofVirtual().start(() -> pump(upstream, client));
			}
			catch (IOException ex) {
				// closed by stop()
			}
		}
	}

	private static void pump(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			close(from);
			close(to);
		}
	}

	private static void close(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
