package io.minibase.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples CPU time and resident memory of every process of the stack once a second from
 * {@code /proc}, charging each sample to the phase under way. A process is found by the
 * port it listens on (services, MySQL, Redis, Kafka, the WeChat stub, nginx), so found
 * and embedded servers are measured alike; one that listens on no known port is left out.
 */
final class ProcessSampler implements AutoCloseable {

	/** Linux's USER_HZ: /proc reports CPU time in these ticks on every common kernel. */
	private static final double TICKS_PER_SECOND = 100.0;

	private final Map<String, Set<Long>> pids;

	/** process -> phase -> stats. */
	private final Map<String, Map<String, Usage>> usage = new LinkedHashMap<>();

	private final Map<String, Long> lastTicks = new HashMap<>();

	private final Thread thread;

	private volatile boolean running = true;

	private long lastSampleNanos;

	private ProcessSampler(Map<String, Set<Long>> pids) {
		this.pids = pids;
		this.thread = Thread.ofPlatform().daemon().name("bench-process-sampler").unstarted(this::loop);
	}

	/** Starts sampling the processes listening on these ports (name -> port). */
	static ProcessSampler start(Map<String, Integer> ports) {
		Map<Integer, Set<Long>> byPort = listeners(new HashSet<>(ports.values()));
		Map<String, Set<Long>> pids = merged(ports, byPort);
		pids.put("bench (Gatling JVM)", Set.of(ProcessHandle.current().pid()));
		ProcessSampler sampler = new ProcessSampler(pids);
		sampler.sample();
		sampler.thread.start();
		return sampler;
	}

	/**
	 * The processes by name. Applications that share a process (the gateway and the
	 * services in one JVM, MINIBASE_ONE_JVM) are one entry, named after all of them
	 * ({@code gateway + auth-service + ...}), so that it is counted once.
	 */
	static Map<String, Set<Long>> merged(Map<String, Integer> ports, Map<Integer, Set<Long>> byPort) {
		Map<Set<Long>, List<String>> names = new LinkedHashMap<>();
		ports.forEach((name, port) -> {
			Set<Long> found = byPort.getOrDefault(port, Set.of());
			if (!found.isEmpty()) {
				names.computeIfAbsent(found, (key) -> new ArrayList<>()).add(name);
			}
		});
		Map<String, Set<Long>> pids = new LinkedHashMap<>();
		names.forEach((found, sharing) -> pids.put(String.join(" + ", sharing), found));
		return pids;
	}

	Map<String, Set<Long>> pids() {
		return this.pids;
	}

	private void loop() {
		while (this.running) {
			try {
				// one sample a second: a sampling rate, not a wait for a condition
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				return;
			}
			sample();
		}
	}

	private synchronized void sample() {
		long now = System.nanoTime();
		double elapsed = (this.lastSampleNanos == 0) ? 0 : (now - this.lastSampleNanos) / 1e9;
		this.lastSampleNanos = now;
		String phase = Phases.current();
		this.pids.forEach((name, set) -> {
			long ticks = 0;
			long rssKb = 0;
			for (long pid : set) {
				ticks += cpuTicks(pid);
				rssKb += rssKb(pid);
			}
			Long previous = this.lastTicks.put(name, ticks);
			Usage stats = this.usage.computeIfAbsent(name, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(phase, (key) -> new Usage());
			if (previous != null && elapsed > 0) {
				stats.cpuSeconds += (ticks - previous) / TICKS_PER_SECOND;
				stats.wallSeconds += elapsed;
			}
			stats.rssKbSum += rssKb;
			stats.rssKbMax = Math.max(stats.rssKbMax, rssKb);
			stats.samples++;
		});
	}

	/** process -> phase -> {cpuPercent (100 = one core), rssMbAvg, rssMbMax}. */
	synchronized Map<String, Object> report() {
		Map<String, Object> out = new LinkedHashMap<>();
		this.usage.forEach((name, phases) -> {
			Map<String, Object> byPhase = new LinkedHashMap<>();
			phases.forEach((phase, stats) -> byPhase.put(phase, stats.toMap()));
			Map<String, Object> process = new LinkedHashMap<>();
			process.put("pids", new ArrayList<>(this.pids.get(name)));
			process.put("phases", byPhase);
			out.put(name, process);
		});
		return out;
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		sample();
	}

	private static long cpuTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// the command name may hold spaces: fields are counted after its closing ')'
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException gone) {
			return 0;
		}
	}

	private static long rssKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException gone) {
			// the process ended between two samples
		}
		return 0;
	}

	/** port -> pids holding a listening socket on it (nginx: master and worker). */
	static Map<Integer, Set<Long>> listeners(Set<Integer> ports) {
		Map<Long, Integer> portByInode = new HashMap<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			try {
				for (String line : Files.readAllLines(Path.of(table))) {
					String[] f = line.trim().split("\\s+");
					if (f.length < 10 || !"0A".equals(f[3])) {
						continue;
					}
					int port = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
					if (ports.contains(port)) {
						portByInode.put(Long.parseLong(f[9]), port);
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// no such table (no IPv6): nothing listens there
			}
		}
		Map<Integer, Set<Long>> out = new HashMap<>();
		try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path proc : procs) {
				long pid = Long.parseLong(proc.getFileName().toString());
				try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
					for (Path fd : fds) {
						String target = Files.readSymbolicLink(fd).toString();
						if (target.startsWith("socket:[")) {
							Integer port = portByInode.get(Long.parseLong(target.substring(8, target.length() - 1)));
							if (port != null) {
								out.computeIfAbsent(port, (key) -> new HashSet<>()).add(pid);
							}
						}
					}
				}
				catch (IOException | RuntimeException ex) {
					// another user's process, or it ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			// no /proc: not Linux, nothing to sample
		}
		return out;
	}

	private static final class Usage {

		double cpuSeconds;

		double wallSeconds;

		long rssKbSum;

		long rssKbMax;

		int samples;

		Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("cpuPercent", (this.wallSeconds > 0) ? round(100 * this.cpuSeconds / this.wallSeconds) : 0.0);
			map.put("rssMbAvg", (this.samples > 0) ? round(this.rssKbSum / 1024.0 / this.samples) : 0.0);
			map.put("rssMbMax", round(this.rssKbMax / 1024.0));
			map.put("samples", this.samples);
			return map;
		}

		private static double round(double value) {
			return Math.round(value * 10) / 10.0;
		}

	}

}
