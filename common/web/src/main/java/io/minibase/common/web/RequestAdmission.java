package io.minibase.common.web;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.AsyncHandlerInterceptor;

/**
 * How many API requests a service works on at once, so that a crowd queues in front of
 * the service instead of inside it (ADR 22).
 *
 * <p>
 * With virtual threads nothing else bounds what a service admits: at 200 orders a second
 * order-service had 2,000 requests queued for its 10 database connections, and the saga's
 * own consumers waited behind them, so every order stayed {@code PENDING} and the crowd's
 * waits ran out. Here at most {@code max-concurrent-requests} requests run their handler
 * at once; the next ones wait up to {@code max-wait} (a burst such as a flash sale's is
 * absorbed), and past that a request is refused at once: 503 problem+json with
 * {@code Retry-After: 1}, before it has touched anything. Background work (Kafka
 * consumers, the outbox relay, sweeps) does not pass here and keeps the rest of the pool.
 *
 * <p>
 * The permit is held from the handler's start until it returns: a request suspended while
 * it waits for an outcome ({@code Prefer: wait}, Servlet async) holds none, and its later
 * work goes through {@link #call(Supplier)}. A Resilience4j bulkhead counts the permits
 * (a fair semaphore: waiting requests are served in order), and its metrics are
 * {@code resilience4j.bulkhead.*{name="requests"}}.
 */
public final class RequestAdmission implements AsyncHandlerInterceptor {

	/** The bulkhead's name, in its metrics. */
	public static final String NAME = "requests";

	private static final String HOLDS_PERMIT = RequestAdmission.class.getName() + ".permit";

	private final Bulkhead bulkhead;

	public RequestAdmission(int maxConcurrentRequests, Duration maxWait) {
		this(Bulkhead.of(NAME, config(maxConcurrentRequests, maxWait)));
	}

	RequestAdmission(Bulkhead bulkhead) {
		this.bulkhead = bulkhead;
	}

	static BulkheadConfig config(int maxConcurrentRequests, Duration maxWait) {
		return BulkheadConfig.custom()
			.maxConcurrentCalls(maxConcurrentRequests)
			.maxWaitDuration(maxWait)
			.fairCallHandlingStrategyEnabled(true)
			.build();
	}

	Bulkhead bulkhead() {
		return this.bulkhead;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			// an async dispatch writes the answer of a request admitted already; an error
			// dispatch answers one that failed
			return true;
		}
		acquire();
		request.setAttribute(HOLDS_PERMIT, Boolean.TRUE);
		return true;
	}

	/** The handler returned a future: its permit is free while the request waits. */
	@Override
	public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
			Object handler) {
		release(request);
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		release(request);
	}

	/**
	 * Work an admitted request does later, off its first thread (reading an order again
	 * once its wait is over): it waits for a permit as a new request does, so that a
	 * crowd's waiters woken together queue in front of the pool, but it is never refused.
	 * It was admitted once, and what it answers has happened already (the order is
	 * placed); past the wait it runs beside the bound.
	 */
	public <T> T call(Supplier<T> work) {
		boolean permitted = this.bulkhead.tryAcquirePermission();
		try {
			return work.get();
		}
		finally {
			if (permitted) {
				this.bulkhead.onComplete();
			}
		}
	}

	private void acquire() {
		try {
			this.bulkhead.acquirePermission();
		}
		catch (BulkheadFullException ex) {
			throw busy(ex);
		}
	}

	private void release(HttpServletRequest request) {
		if (request.getAttribute(HOLDS_PERMIT) != null) {
			request.removeAttribute(HOLDS_PERMIT);
			this.bulkhead.onComplete();
		}
	}

	private static ErrorResponseException busy(BulkheadFullException cause) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service is busy; try again shortly.");
		problem.setTitle("Service Busy");
		ErrorResponseException busy = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
		busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return busy;
	}

}
