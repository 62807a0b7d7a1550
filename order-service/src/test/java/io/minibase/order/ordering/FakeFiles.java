package io.minibase.order.ordering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays file-service's {@code GET /internal/files/owned} over real HTTP: the files a
 * token's user "uploaded" are those {@link #upload} made for that token. While
 * {@link #failing} it answers 503, as file-service does without its database.
 */
final class FakeFiles {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Set<String>> uploads = new ConcurrentHashMap<>();

	private final HttpServer server;

	volatile boolean failing;

	private FakeFiles(HttpServer server) {
		this.server = server;
		server.createContext("/internal/files/owned", this::owned);
		server.start();
	}

	/** A stand-in on a port of its own, for as long as the test JVM runs. */
	static FakeFiles start() {
		try {
			return new FakeFiles(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** A new file id, uploaded by the user of {@code token}. */
	String upload(String token) {
		byte[] bits = new byte[16];
		ThreadLocalRandom.current().nextBytes(bits);
		String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
		this.uploads.computeIfAbsent(token, (key) -> ConcurrentHashMap.newKeySet()).add(id);
		return id;
	}

	private void owned(HttpExchange exchange) throws IOException {
		try (exchange) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (this.failing || authorization == null || !authorization.startsWith("Bearer ")) {
				exchange.sendResponseHeaders(this.failing ? 503 : 401, -1);
				return;
			}
			Set<String> theirs = this.uploads.getOrDefault(authorization.substring(7), Set.of());
			String query = exchange.getRequestURI().getRawQuery();
			List<String> owned = Arrays.stream((query != null) ? query.split("&") : new String[0])
				.filter((parameter) -> parameter.startsWith("ids="))
				.map((parameter) -> URLDecoder.decode(parameter.substring(4), StandardCharsets.UTF_8))
				.filter(theirs::contains)
				.toList();
			byte[] body = json.writeValueAsBytes(Map.of("owned", owned));
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

}
