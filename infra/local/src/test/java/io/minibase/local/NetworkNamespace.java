package io.minibase.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own, joined to the machine by a veth pair: a caller
 * that reaches the machine at {@link #machineAddress()} from {@link #ownAddress()}, an
 * address that is not the machine's, as a neighbour on its network would. Made with
 * iproute2 ({@code ip netns}, {@code ip link}), which needs root; {@link #create()} is
 * empty where that cannot be done. {@link #close()} removes the namespace and both ends
 * of the pair.
 */
final class NetworkNamespace implements AutoCloseable {

	/** curl's exit code when nothing accepts the connection. */
	static final int REFUSED = 7;

	private final String name;

	private final String machineEnd;

	private final String machineAddress;

	private final String ownAddress;

	private NetworkNamespace(String name, String machineEnd, String machineAddress, String ownAddress) {
		this.name = name;
		this.machineEnd = machineEnd;
		this.machineAddress = machineAddress;
		this.ownAddress = ownAddress;
	}

	/**
	 * A new namespace on a /30 of 10.213.0.0/16 of its own (picked at random, so that
	 * parallel runs do not meet), or empty when iproute2 or root is missing.
	 */
	static Optional<NetworkNamespace> create() {
		int id = ThreadLocalRandom.current().nextInt(1, 16_000);
		String name = "minibase-exposure-" + id;
		String machineEnd = "mbx" + id + "h";
		String ownEnd = "mbx" + id + "n";
		int base = id * 4;
		String net = "10.213." + (base / 256) + ".";
		String machineAddress = net + (base % 256 + 1);
		String ownAddress = net + (base % 256 + 2);
		NetworkNamespace namespace = new NetworkNamespace(name, machineEnd, machineAddress, ownAddress);
		try {
			run("ip", "netns", "add", name);
			run("ip", "link", "add", machineEnd, "type", "veth", "peer", "name", ownEnd);
			run("ip", "link", "set", ownEnd, "netns", name);
			run("ip", "addr", "add", machineAddress + "/30", "dev", machineEnd);
			run("ip", "link", "set", machineEnd, "up");
			run("ip", "netns", "exec", name, "ip", "addr", "add", ownAddress + "/30", "dev", ownEnd);
			run("ip", "netns", "exec", name, "ip", "link", "set", ownEnd, "up");
			run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
			return Optional.of(namespace);
		}
		catch (IOException | IllegalStateException ex) {
			namespace.close();
			return Optional.empty();
		}
	}

	/** The machine's end of the pair: an address of the machine that is not loopback. */
	String machineAddress() {
		return this.machineAddress;
	}

	/** The namespace's own address, the caller's. */
	String ownAddress() {
		return this.ownAddress;
	}

	/**
	 * {@code GET url} from inside the namespace (curl, 3 s at most): the HTTP status, or
	 * the negative of curl's exit code when there was no answer ({@code -REFUSED} for a
	 * connection refused).
	 */
	int get(String url) throws IOException {
		List<String> command = List.of("ip", "netns", "exec", this.name, "curl", "-s", "-o", "/dev/null", "-w",
				"%{http_code}", "--max-time", "3", url);
		Result result = exec(command);
		return (result.exit() == 0) ? Integer.parseInt(result.output().strip()) : -result.exit();
	}

	@Override
	public void close() {
		try {
			exec(List.of("ip", "netns", "del", this.name));
			// gone with its peer; deleted for the case the pair was never moved
			exec(List.of("ip", "link", "del", this.machineEnd));
		}
		catch (IOException ex) {
			// nothing was made
		}
	}

	private static void run(String... command) throws IOException {
		Result result = exec(List.of(command));
		if (result.exit() != 0) {
			throw new IllegalStateException(String.join(" ", command) + ": " + result.output().strip());
		}
	}

	private static Result exec(List<String> command) throws IOException {
		Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish");
			}
			return new Result(process.exitValue(), output);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private record Result(int exit, String output) {
	}

}
