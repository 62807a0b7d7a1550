package io.minibase.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.minibase.localservers.HeldPort;
import io.minibase.localservers.Ports;

/**
 * Every port the stack listens on, held from before its process starts until the stack
 * has stopped (see {@link HeldPort}), so that a restart gets its port back.
 */
final class HeldPorts implements AutoCloseable {

	private final List<HeldPort> held = new CopyOnWriteArrayList<>();

	/**
	 * Holds every port of the stack: a fixed one as given (failing when another program
	 * has it), any port for a 0.
	 * @return the ports, none of them 0
	 */
	StackPorts holdAll(StackPorts wanted) {
		List<String> taken = new ArrayList<>();
		Map<String, Integer> got = new LinkedHashMap<>();
		wanted.byName().forEach((name, port) -> {
			try {
				got.put(name, hold(port));
			}
			catch (Ports.PortTaken ex) {
				taken.add(port + " (" + name + ")");
			}
		});
		if (!taken.isEmpty()) {
			String first = taken.get(0).split(" ")[0];
			throw new StackDidNotStart("port " + String.join(", ", taken)
					+ " already in use by another program. See who holds it with: ss -ltnp 'sport = :" + first
					+ "' (or lsof -i :" + first + "), and stop it first.");
		}
		return StackPorts.fromNames(got);
	}

	/** Holds the port (any port for 0) until the stack stops, and says which it is. */
	int hold(int port) {
		HeldPort held = Ports.hold(port);
		this.held.add(held);
		return held.port();
	}

	/** Lets every port go: only once every process that listened on them has stopped. */
	@Override
	public void close() {
		this.held.forEach(HeldPort::close);
		this.held.clear();
	}

}
