package io.minibase.gateway.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Brings a Redis answer back to the event loop of the request that asked.
 *
 * <p>
 * Lettuce completes every command on its own I/O thread, one for the gateway's single
 * connection, and a reactive chain carries on where its last signal came from: without
 * this, everything after the rate limiter (and, for a token, after the revocation check)
 * ran on that one thread for every request, the routing to the service included, and the
 * client connection could not be taken on the request's own event loop. A profile of
 * forwarded catalog reads showed that thread doing the gateway's filter chain and Reactor
 * Netty's client work. Sent back to the caller's loop, each request stays on one of the
 * event loops (one per core), next to its connections.
 */
public final class CallersEventLoop {

	private static final Map<EventExecutor, Scheduler> schedulers = new ConcurrentHashMap<>();

	private CallersEventLoop() {
	}

	/**
	 * The answer, signalled on the event loop of the thread that calls this (as the
	 * answer is assembled, on the request's loop); unchanged when that thread is no event
	 * loop.
	 */
	public static <T> Mono<T> resume(Mono<T> answer) {
		EventExecutor loop = ThreadExecutorMap.currentExecutor();
		if (loop == null) {
			return answer;
		}
		return answer.publishOn(schedulers.computeIfAbsent(loop, (executor) -> Schedulers.fromExecutor(executor)));
	}

}
