package io.minibase.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.minibase.localservers.HeldPort;
import io.minibase.localservers.Ports;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A tiny HTTP server standing in for a service: records what reaches it and answers what
 * a test tells it to. It can be stopped and started again on the same port.
 */
final class StubService {

	/** An answer header that makes the stub send its body chunked; not sent itself. */
	static final String CHUNKED = "X-Stub-Chunked";

	private final int port;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Answer answer = Answer.ok();

	private volatile Duration delay = Duration.ZERO;

	private HttpServer server;

	private ExecutorService executor;

	private StubService(int port) {
		this.port = port;
	}

	static StubService startOnFreePort() {
		StubService stub = new StubService(freePort());
		stub.start();
		return stub;
	}

	/**
	 * Points the gateway at the stubs: auth-service at {@code auth}, the other services
	 * at {@code services}.
	 */
	static void routeTo(DynamicPropertyRegistry registry, StubService auth, StubService services) {
		registry.add("AUTH_SERVICE_URL", auth::url);
		for (String service : new String[] { "CATALOG", "ORDER", "FILE" }) {
			registry.add(service + "_SERVICE_URL", services::url);
		}
	}

	/** Forgets earlier answers; auth-service then publishes the tokens' JWKS. */
	static void upWithJwks(StubService auth, StubService services, TestTokens tokens) {
		auth.reset();
		auth.answer(new Answer(200, "application/jwk-set+json", tokens.jwks(), Map.of()));
		services.reset();
	}

	/**
	 * A port held for the rest of the test run (see {@link HeldPort}): a stub started on
	 * it gets it back after a stop, and while none listens there nothing answers on it.
	 */
	static int freePort() {
		return Ports.hold(0).port();
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			// a backlog for a crowd: the gateway may open hundreds of connections at once
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 1024);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.executor = Executors.newCachedThreadPool();
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
			this.server = null;
		}
	}

	void answer(Answer answer) {
		this.answer = answer;
	}

	/** Takes this long over every answer, as a busy service does. */
	void delay(Duration delay) {
		this.delay = delay;
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	void reset() {
		this.received.clear();
		this.answer = Answer.ok();
		this.delay = Duration.ZERO;
		start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			headers.putAll(exchange.getRequestHeaders());
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("traceparent"), headers));
			Answer answer = this.answer;
			if (!this.delay.isZero()) {
				try {
					// a slow service on purpose (the gateway's timeouts are under test),
					// not a wait for anything
					Thread.sleep(this.delay);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			// length 0: chunked, without Content-Length, as Tomcat streams JSON
			boolean chunked = answer.headers().containsKey(CHUNKED);
			exchange.getResponseHeaders().remove(CHUNKED);
			exchange.sendResponseHeaders(answer.status(), chunked ? 0 : body.length);
			exchange.getResponseBody().write(body);
		}
	}

	record Received(String method, String uri, String traceparent, Map<String, List<String>> headers) {

		String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

	}

	record Answer(int status, String contentType, String body, Map<String, String> headers) {

		static Answer ok() {
			return new Answer(200, "application/json", "[]", Map.of());
		}

	}

}
