package io.minibase.local;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's nginx step on its own, in front of a stand-in gateway that echoes
 * what reached it: quick to run, unlike the whole stack (LocalStackIT checks it there).
 */
class NginxIT {

	@TempDir
	Path home;

	private HttpServer gateway;

	private final Map<String, String> seen = new ConcurrentHashMap<>();

	private Nginx nginx;

	@BeforeEach
	void startTheStandInGateway() throws Exception {
		this.gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.gateway.createContext("/", (exchange) -> {
			exchange.getRequestHeaders().forEach((name, values) -> this.seen.put(name.toLowerCase(), values.get(0)));
			byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.getResponseHeaders().add("X-Trace-Id", "0123456789abcdef0123456789abcdef");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.gateway.start();
	}

	@AfterEach
	void stop() {
		if (this.nginx != null) {
			this.nginx.close();
		}
		this.gateway.stop(0);
	}

	@Test
	void nginxServesTheGatewayOverHttp2WithTlsAndPassesTheClientOn() throws Exception {
		StackPorts ports = new StackPorts(this.gateway.getAddress().getPort(), 0, 0, 0, 0, 0, 0, 0);
		StackSettings settings = new StackSettings(StackSettings.findRepoRoot(Path.of(""), System.getenv()), this.home,
				ports, System.getenv(), false, Duration.ofSeconds(10), List.of(), "");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.nginx = Nginx.startIfFound(settings, ports, new PrintStream(out, true, StandardCharsets.UTF_8))
			.orElseThrow(() -> new AssertionError("nginx did not start: " + out.toString(StandardCharsets.UTF_8)));

		HttpClient https = HttpClient.newBuilder().sslContext(trusting(this.nginx.certificate())).build();
		HttpResponse<String> response = https
			.send(HttpRequest.newBuilder(URI.create(this.nginx.url() + "/api/catalog/categories"))
				.header("X-Forwarded-For", "6.6.6.6")
				.build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.body()).isEqualTo("[]");
		assertThat(response.headers().firstValue("X-Trace-Id")).hasValue("0123456789abcdef0123456789abcdef");
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
		// the client's own address, never what the client claims
		assertThat(this.seen).containsEntry("x-forwarded-for", "127.0.0.1")
			.containsEntry("x-real-ip", "127.0.0.1")
			.containsEntry("x-forwarded-proto", "https");
	}

	/** A TLS context that trusts exactly the local stack's self-signed certificate. */
	static SSLContext trusting(Path certificate) throws Exception {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream pem = Files.newInputStream(certificate)) {
			trusted.setCertificateEntry("minibase-local",
					CertificateFactory.getInstance("X.509").generateCertificate(pem));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
