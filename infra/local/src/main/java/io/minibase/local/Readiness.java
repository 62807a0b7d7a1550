package io.minibase.local;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Waits for starting applications to become ready: polls each one's readiness endpoint
 * until all answer, one's process exits or time runs out, and then says which and shows
 * the end of its log.
 */
final class Readiness {

	private static final int LOG_TAIL = 40;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Duration timeout;

	private final PrintStream out;

	private final BooleanSupplier stopping;

	/** An application on its way up, in the process that runs it. */
	record Starting(String name, AppProcess process, URI readiness) {

		/** An application in a process of its own. */
		static Starting of(AppProcess process) {
			return new Starting(process.app().name(), process, process.app().readiness());
		}

	}

	/**
	 * @param stopping whether the stack is stopping, which ends the wait with
	 * {@link StackDidNotStart}
	 */
	Readiness(Duration timeout, PrintStream out, BooleanSupplier stopping) {
		this.timeout = timeout;
		this.out = out;
		this.stopping = stopping;
	}

	void await(Collection<Starting> starting) {
		Instant began = Instant.now();
		Instant deadline = began.plus(this.timeout);
		Set<Starting> pending = new LinkedHashSet<>(starting);
		while (!pending.isEmpty()) {
			if (this.stopping.getAsBoolean()) {
				throw new StackDidNotStart("stopped while starting");
			}
			for (Iterator<Starting> it = pending.iterator(); it.hasNext();) {
				Starting app = it.next();
				AppProcess process = app.process();
				if (!process.isAlive()) {
					throw failed(List.of(process), "exited (code " + process.exitValue() + ") before it was ready");
				}
				if (AppProcess.isReady(this.http, app.readiness())) {
					this.out.printf("  %-16s ready after %ds (log %s)%n", app.name(),
							Duration.between(began, Instant.now()).toSeconds(), process.log());
					it.remove();
				}
			}
			if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
				throw failed(pending.stream().map(Starting::process).distinct().toList(),
						"not ready after " + this.timeout.toSeconds() + "s (MINIBASE_READY_TIMEOUT)");
			}
			sleep(500);
		}
	}

	private static StackDidNotStart failed(List<AppProcess> processes, String what) {
		StringBuilder message = new StringBuilder();
		for (AppProcess process : processes) {
			message.append(System.lineSeparator())
				.append(process.app().name())
				.append(' ')
				.append(what)
				.append(". Last ")
				.append(LOG_TAIL)
				.append(" lines of ")
				.append(process.log())
				.append(':')
				.append(System.lineSeparator())
				.append(process.tail(LOG_TAIL))
				.append(System.lineSeparator());
		}
		return new StackDidNotStart(message.toString());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackDidNotStart("interrupted while starting");
		}
	}

}
