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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's nginx step on its own, in front of a stand-in gateway that echoes
 * what reached it: quick to run, unlike the whole stack (LocalStackIT checks it there).
 */
class NginxIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
		startNginx();

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

	@Test
	void whatNginxRefusesItselfIsProblemJsonWithATraceId() throws Exception {
		startNginx();
		HttpClient https = HttpClient.newBuilder()
			.sslContext(trusting(this.nginx.certificate()))
			.version(HttpClient.Version.HTTP_1_1)
			.build();

		HttpResponse<String> tooLarge = https.send(HttpRequest.newBuilder(URI.create(this.nginx.url() + "/api/files"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[12 * 1024 * 1024]))
			.build(), BodyHandlers.ofString());
		assertProblem(tooLarge, 413, "/api/files");

		HttpResponse<String> longLine = https
			.send(HttpRequest.newBuilder(URI.create(this.nginx.url() + "/api/catalog/products?q=" + "a".repeat(9000)))
				.build(), BodyHandlers.ofString());
		assertProblem(longLine, 414, "/");

		this.gateway.stop(0);
		HttpResponse<String> gatewayDown = https.send(
				HttpRequest.newBuilder(URI.create(this.nginx.url() + "/api/catalog/categories")).build(),
				BodyHandlers.ofString());
		assertProblem(gatewayDown, 503, "/api/catalog/categories");
		assertThat(gatewayDown.headers().firstValue("Retry-After")).hasValue("5");
	}

	/** The local stack's nginx step, in front of the stand-in gateway. */
	private void startNginx() {
		StackPorts ports = new StackPorts(this.gateway.getAddress().getPort(), 0, 0, 0, 0, 0, 0, 0);
		StackSettings settings = new StackSettings(StackSettings.findRepoRoot(Path.of(""), System.getenv()), this.home,
				ports, System.getenv(), false, Duration.ofSeconds(10), List.of(), "");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.nginx = Nginx.startIfFound(settings, ports, new PrintStream(out, true, StandardCharsets.UTF_8))
			.orElseThrow(() -> new AssertionError("nginx did not start: " + out.toString(StandardCharsets.UTF_8)));
	}

	private static void assertProblem(HttpResponse<String> response, int status, String instance) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		assertThat(traceId).matches("[0-9a-f]{32}");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("traceId").asString()).isEqualTo(traceId);
		assertThat(problem.get("instance").asString()).isEqualTo(instance);
		assertThat(problem.get("title").asString()).isNotBlank();
	}

	/** A client of this nginx over TLS, trusting its self-signed certificate. */
	static HttpClient https(Nginx nginx, HttpClient.Version version) throws Exception {
		return HttpClient.newBuilder()
			.sslContext(trusting(nginx.certificate()))
			.version(version)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
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
