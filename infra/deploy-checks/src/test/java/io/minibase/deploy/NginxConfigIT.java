package io.minibase.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.minibase.localservers.HeldPort;
import io.minibase.localservers.Ports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * infra/nginx as it is, with only the paths of the machine (the certificate, logs, pid)
 * moved into a temporary folder and a self-signed certificate standing in for Let's
 * Encrypt's: {@code nginx -t}, and a private nginx on ports of its own (both servers,
 * port 80 and the site) in front of a stand-in gateway, walked through every answer nginx
 * makes itself.
 */
class NginxConfigIT {

	/** What the HTTPS server sends on every answer, its own and the gateway's. */
	private static final String HSTS = "max-age=63072000; includeSubDomains";

	private static final String INSTALL = "apt-get install -y nginx-light (Debian/Ubuntu) or your system's nginx package";

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	private final List<AutoCloseable> running = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable each : this.running.reversed()) {
			each.close();
		}
	}

	@Test
	void theOneBoxConfigurationPassesNginxTest() throws IOException {
		Path nginx = Tools.require("nginx", INSTALL);
		Path conf = render(Map.of());

		Tools.Result result = Tools
			.run(List.of(nginx.toString(), "-t", "-p", conf.toString(), "-c", conf.resolve("nginx.conf").toString()),
					conf, Map.of(), Duration.ofSeconds(30))
			.assertSuccess("nginx -t");
		assertThat(result.output()).contains("syntax is ok").contains("test is successful");
	}

	@Test
	void port80AnswersARedirectWithoutAPageAndEverythingElseAsProblemJson() throws IOException {
		Running nginx = start();
		Files.createDirectories(nginx.conf().resolve(".well-known/acme-challenge"));
		Files.writeString(nginx.conf().resolve(".well-known/acme-challenge/token-1"), "token-1.key");

		Answer redirect = nginx.http("GET /api/orders?size=5 HTTP/1.1\r\nHost: api.example.com\r\n\r\n");
		assertThat(redirect.status()).isEqualTo(301);
		assertThat(redirect.header("Location")).hasValue("https://api.example.com/api/orders?size=5");
		assertThat(redirect.header("X-Trace-Id")).hasValueSatisfying((id) -> assertThat(id).matches("[0-9a-f]{32}"));
		assertThat(redirect.body()).as("no HTML page").isEmpty();
		assertThat(redirect.header("Content-Type")).isEmpty();
		assertThat(redirect.header("Strict-Transport-Security")).as("never over plain HTTP").isEmpty();
		Answer postRedirect = nginx.http("POST /api/orders HTTP/1.1\r\nHost: api.example.com\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
		assertThat(postRedirect.status()).isEqualTo(301);
		assertThat(postRedirect.body()).isEmpty();

		Answer challenge = nginx
			.http("GET /.well-known/acme-challenge/token-1 HTTP/1.1\r\nHost: api.example.com\r\n\r\n");
		assertThat(challenge.status()).isEqualTo(200);
		assertThat(challenge.body()).isEqualTo("token-1.key");

		Answer gone = nginx.http("GET /.well-known/acme-challenge/gone HTTP/1.1\r\nHost: api.example.com\r\n\r\n");
		assertProblem(gone, 404, "/.well-known/acme-challenge/gone");
		assertThat(gone.header("Strict-Transport-Security")).isEmpty();
		assertProblem(nginx.http("GET /.well-known/acme-challenge/ HTTP/1.1\r\nHost: api.example.com\r\n\r\n"), 403,
				"/.well-known/acme-challenge/");
		assertProblem(nginx.http("POST /.well-known/acme-challenge/token-1 HTTP/1.1\r\nHost: api.example.com\r\n"
				+ "Content-Length: 1\r\n\r\nx"), 405, "/.well-known/acme-challenge/token-1");
		assertProblem(nginx.http("GET /.problem/404 HTTP/1.1\r\nHost: api.example.com\r\n\r\n"), 404, "/.problem/404");
		assertProblem(nginx.http("GET /.redirect HTTP/1.1\r\nHost: api.example.com\r\n\r\n"), 404, "/.redirect");
		assertTheAnswersToBrokenHttp(nginx.port80());
		// port 80 keeps nginx's default limit (1 MiB): nothing there takes a body
		assertProblem(
				nginx.http("POST /api/files HTTP/1.1\r\nHost: api.example.com\r\nContent-Length: 2000000\r\n\r\n"), 413,
				"/api/files");
	}

	@Test
	void whatTheSiteRefusesItselfIsProblemJsonAndTheGatewaysOwnAnswersPassUntouched() throws Exception {
		Running nginx = start();
		HttpClient https = HttpClient.newBuilder()
			.sslContext(trusting(nginx.conf().resolve("fullchain.pem")))
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();

		HttpResponse<String> found = https.send(HttpRequest.newBuilder(nginx.https("/api/catalog/categories")).build(),
				BodyHandlers.ofString());
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).isEqualTo("[]");
		assertThat(found.headers().firstValue("Strict-Transport-Security")).as("a proxied answer").hasValue(HSTS);
		HttpResponse<String> gatewaysOwn = https.send(HttpRequest.newBuilder(nginx.https("/api/nothing-here")).build(),
				BodyHandlers.ofString());
		assertThat(gatewaysOwn.statusCode()).isEqualTo(404);
		assertThat(gatewaysOwn.body()).isEqualTo("{\"title\":\"the gateway's own\"}");
		assertThat(gatewaysOwn.headers().firstValue("X-Trace-Id")).hasValue("0123456789abcdef0123456789abcdef");
		assertThat(gatewaysOwn.headers().allValues("Strict-Transport-Security")).containsExactly(HSTS);

		Answer tooLarge = Answer.of(https.send(HttpRequest.newBuilder(nginx.https("/api/files"))
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[12 * 1024 * 1024]))
			.build(), BodyHandlers.ofString()));
		assertProblem(tooLarge, 413, "/api/files");
		assertThat(tooLarge.header("Strict-Transport-Security")).as("nginx's own answer").hasValue(HSTS);
		Answer notServed = Answer
			.of(https.send(HttpRequest.newBuilder(nginx.https("/.problem/400")).build(), BodyHandlers.ofString()));
		assertProblem(notServed, 404, "/.problem/400");
		assertThat(notServed.header("Strict-Transport-Security")).hasValue(HSTS);

		// plain HTTP sent to the HTTPS port: nginx's 497, answered 400
		Answer plain = Answer.exchange(nginx.port443(), "GET /api/orders HTTP/1.1\r\nHost: api.example.com\r\n\r\n");
		assertProblem(plain, 400, "/api/orders");
		assertThat(plain.json().get("detail").asText()).contains("HTTPS");
		assertThat(plain.header("Strict-Transport-Security")).as("never over plain HTTP").isEmpty();

		nginx.gateway().stop(0);
		Answer gatewayDown = Answer.of(https
			.send(HttpRequest.newBuilder(nginx.https("/api/catalog/categories")).build(), BodyHandlers.ofString()));
		assertProblem(gatewayDown, 503, "/api/catalog/categories");
		assertThat(gatewayDown.header("Retry-After")).hasValue("5");
		assertThat(gatewayDown.header("Strict-Transport-Security")).hasValue(HSTS);
	}

	/** What nginx makes of requests that are not HTTP it reads, on a plain-HTTP port. */
	private static void assertTheAnswersToBrokenHttp(int port) {
		assertProblem(Answer.exchange(port, "NOT HTTP AT ALL\r\n\r\n"), 400, "/");
		assertProblem(Answer.exchange(port, "GET /a HTTP/1.1\r\n\r\n"), 400, "/a");
		assertProblem(Answer.exchange(port, "GET /a HTTP/3.0\r\nHost: api.example.com\r\n\r\n"), 505, "/");
		assertProblem(Answer.exchange(port, "TRACE /a HTTP/1.1\r\nHost: api.example.com\r\n\r\n"), 405, "/a");
		assertProblem(
				Answer.exchange(port, "POST /a HTTP/1.1\r\nHost: api.example.com\r\nTransfer-Encoding: gzip\r\n\r\n"),
				501, "/a");
		assertProblem(Answer.exchange(port, "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: api.example.com\r\n\r\n"),
				414, "/");
		assertProblem(
				Answer.exchange(port,
						"GET /a HTTP/1.1\r\nHost: api.example.com\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n"),
				431, "/a");
	}

	/**
	 * RFC 9457 as the gateway answers it: problem+json, the trace id in the header and
	 * the body, and never one of nginx's HTML pages.
	 */
	private static void assertProblem(Answer answer, int status, String instance) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).doesNotContainIgnoringCase("<html");
		String traceId = answer.header("X-Trace-Id").orElseThrow();
		assertThat(traceId).matches("[0-9a-f]{32}");
		JsonNode problem = answer.json();
		assertThat(problem.get("type").asText()).isEqualTo("about:blank");
		assertThat(problem.get("title").asText()).isNotBlank();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asText()).isNotBlank();
		assertThat(problem.get("instance").asText()).isEqualTo(instance);
		assertThat(problem.get("traceId").asText()).isEqualTo(traceId);
	}

	/**
	 * infra/nginx copied into the temporary folder with the machine's paths moved there
	 * and {@code more} replaced too.
	 */
	private Path render(Map<String, String> more) throws IOException {
		Path conf = this.dir.resolve("nginx");
		Tools.copyTree(Tools.repoRoot().resolve("infra/nginx"), conf);
		selfSignedCertificate(conf);
		Map<String, String> replaced = new LinkedHashMap<>(Map.of("/etc/letsencrypt/live/api.example.com",
				conf.toString(), "/var/log/nginx", conf.toString(), "/run/nginx.pid",
				conf.resolve("nginx.pid").toString(), "/var/www/certbot", conf.toString(), "user www-data;", ""));
		replaced.putAll(more);
		for (String file : List.of("nginx.conf", "minibase.conf", "upstream.conf")) {
			String text = Files.readString(conf.resolve(file));
			for (Map.Entry<String, String> path : replaced.entrySet()) {
				text = text.replace(path.getKey(), path.getValue());
			}
			Files.writeString(conf.resolve(file), text);
		}
		return conf;
	}

	/**
	 * The one-box configuration running on ports of its own (held until nginx has
	 * stopped) in front of a stand-in gateway that answers 200 {@code []}, and 404 of its
	 * own for {@code /api/nothing-here}.
	 */
	private Running start() throws IOException {
		Path nginx = Tools.require("nginx", INSTALL);
		HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gateway.createContext("/", (exchange) -> {
			boolean missing = exchange.getRequestURI().getPath().equals("/api/nothing-here");
			byte[] body = (missing ? "{\"title\":\"the gateway's own\"}" : "[]").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders()
				.add("Content-Type", missing ? "application/problem+json" : "application/json");
			exchange.getResponseHeaders().add("X-Trace-Id", "0123456789abcdef0123456789abcdef");
			exchange.sendResponseHeaders(missing ? 404 : 200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		gateway.start();
		this.running.add(() -> gateway.stop(0));
		HeldPort port80 = Ports.hold(0);
		this.running.add(port80);
		HeldPort port443 = Ports.hold(0);
		this.running.add(port443);
		Path conf = this.dir.resolve("nginx");
		Path temp = conf.resolve("temp");
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("listen 80;", "listen 127.0.0.1:" + port80.port() + ";");
		machine.put("listen 443 ssl http2;", "listen 127.0.0.1:" + port443.port() + " ssl http2;");
		machine.put("127.0.0.1:8080", "127.0.0.1:" + gateway.getAddress().getPort());
		machine.put("worker_processes auto;", "worker_processes 1;");
		// workers as this user (nginx ignores it unless it runs as root): the challenge
		// files are in a folder only this user may read
		machine.put("user www-data;", "user " + System.getProperty("user.name") + ";");
		machine.put("http {", "http {\n\tclient_body_temp_path %1$s/body;\n\tproxy_temp_path %1$s/proxy;"
				+ "\n\tfastcgi_temp_path %1$s/fastcgi;\n\tuwsgi_temp_path %1$s/uwsgi;\n\tscgi_temp_path %1$s/scgi;");
		machine.replaceAll((from, to) -> to.formatted(temp));
		Path root = render(machine);
		Files.createDirectories(temp);
		Process process = new ProcessBuilder(nginx.toString(), "-p", root.toString(), "-c",
				root.resolve("nginx.conf").toString(), "-g", "daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(root.resolve("nginx.out").toFile())
			.start();
		this.running.add(() -> {
			process.destroy();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		});
		await("nginx listening on both ports").atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				assertThat(process.isAlive()).as(() -> "nginx exited: " + read(root.resolve("nginx.out"))).isTrue();
				return Ports.isOpen("127.0.0.1", port80.port()) && Ports.isOpen("127.0.0.1", port443.port());
			});
		return new Running(root, gateway, port80.port(), port443.port());
	}

	private void selfSignedCertificate(Path conf) {
		Path openssl = Tools.require("openssl", "apt-get install -y openssl");
		Tools
			.run(List.of(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
					"/CN=api.example.com", "-addext", "subjectAltName=DNS:api.example.com,IP:127.0.0.1", "-keyout",
					"privkey.pem", "-out", "fullchain.pem"), conf, Map.of(), Duration.ofSeconds(60))
			.assertSuccess("openssl req");
		try {
			Files.copy(conf.resolve("fullchain.pem"), conf.resolve("chain.pem"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A TLS context that trusts exactly this self-signed certificate. */
	private static SSLContext trusting(Path certificate) throws Exception {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream pem = Files.newInputStream(certificate)) {
			trusted.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(pem));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "no output";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Running(Path conf, HttpServer gateway, int port80, int port443) {

		URI https(String path) {
			return URI.create("https://127.0.0.1:" + this.port443 + path);
		}

		Answer http(String request) {
			return Answer.exchange(this.port80, request);
		}

	}

	/** An answer: its status, headers (names in lower case) and body. */
	private record Answer(int status, Map<String, String> headers, String body) {

		private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

		static Answer of(HttpResponse<String> response) {
			Map<String, String> headers = new LinkedHashMap<>();
			response.headers()
				.map()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
			return new Answer(response.statusCode(), headers, response.body());
		}

		/**
		 * Sends the request as it is (with {@code Connection: close} added to its headers
		 * when it has any) and reads the answer to the end of the connection.
		 */
		static Answer exchange(int port, String request) {
			String sent = request.contains("\r\nHost:")
					? request.replaceFirst("\r\nHost:", "\r\nConnection: close\r\nHost:") : request;
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write(sent.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				// to the end of the body, not of the connection: nginx may linger before
				// closing
				InputStream in = socket.getInputStream();
				ByteArrayOutputStream received = new ByteArrayOutputStream();
				byte[] buffer = new byte[8192];
				while (!complete(received)) {
					int read = in.read(buffer);
					if (read == -1) {
						break;
					}
					received.write(buffer, 0, read);
				}
				return parse(received.toString(StandardCharsets.ISO_8859_1));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("no answer to " + request.lines().findFirst().orElse(""), ex);
			}
		}

		private static boolean complete(ByteArrayOutputStream received) {
			String raw = received.toString(StandardCharsets.ISO_8859_1);
			int end = raw.indexOf("\r\n\r\n");
			if (end < 0) {
				return false;
			}
			Matcher length = CONTENT_LENGTH.matcher(raw.substring(0, end));
			return length.find() && raw.length() - end - 4 >= Integer.parseInt(length.group(1));
		}

		private static Answer parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			assertThat(end).as("an HTTP answer: " + raw).isPositive();
			List<String> lines = raw.substring(0, end).lines().toList();
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line : lines.subList(1, lines.size())) {
				int colon = line.indexOf(':');
				headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						line.substring(colon + 1).trim());
			}
			String body = raw.substring(end + 4);
			String length = headers.get("content-length");
			if (length != null && body.length() > Integer.parseInt(length)) {
				body = body.substring(0, Integer.parseInt(length));
			}
			return new Answer(Integer.parseInt(lines.get(0).split(" ")[1]), headers,
					new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
		}

		Optional<String> header(String name) {
			return Optional.ofNullable(this.headers.get(name.toLowerCase(Locale.ROOT)));
		}

		JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (IOException ex) {
				throw new AssertionError("not JSON: " + this.body, ex);
			}
		}

	}

}
