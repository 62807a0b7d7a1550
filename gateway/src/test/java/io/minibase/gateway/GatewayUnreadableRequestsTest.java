package io.minibase.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Netty's codec refuses before any of WebFlux runs is problem+json with a trace id
 * too, and the connection is closed after it.
 */
// catalog-service where nothing listens (the discard port): a routed read is a quick 503
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "CATALOG_SERVICE_URL=http://127.0.0.1:9" })
class GatewayUnreadableRequestsTest {

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@CsvSource({ "9000, 0, 414, URI Too Long", "10, 9000, 431, Request Header Fields Too Large" })
	void aRequestOverTheLimitsIsAProblemWithATraceId(int pathLength, int headerLength, int status, String title)
			throws IOException {
		String request = "GET /api/catalog/products?q=" + "a".repeat(pathLength) + " HTTP/1.1\r\nHost: localhost\r\n"
				+ ((headerLength > 0) ? "X-Big: " + "b".repeat(headerLength) + "\r\n" : "") + "\r\n";

		String answer = send(request);

		assertThat(answer).startsWith("HTTP/1.1 " + status)
			.containsIgnoringCase("content-type: application/problem+json")
			.containsIgnoringCase("connection: close")
			.containsPattern("(?i)x-trace-id: [0-9a-f]{32}")
			.contains("\"status\":" + status)
			.contains("\"title\":\"" + title + "\"")
			.containsPattern("\"traceId\":\"[0-9a-f]{32}\"");
	}

	@Test
	void aRequestThatIsNotHttpIs400Problem() throws IOException {
		String answer = send("GET /api/catalog/products HTTP/1.1\r\nHost: localhost\r\nContent-Length: nope\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("content-type: application/problem+json")
			.contains("\"status\":400");
	}

	@Test
	void aLongSearchUpToTheLimitIsStillRouted() throws IOException {
		String answer = send("GET /api/catalog/products?q=" + "a".repeat(7000) + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\n\r\n");

		// no catalog-service behind it in this test: the route's 503, not a 414
		assertThat(answer).startsWith("HTTP/1.1 503");
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			// the gateway closes the connection after the answer
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
