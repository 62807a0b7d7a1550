package io.minibase.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.minibase.localservers.HeldPort;
import io.minibase.localservers.Ports;

/**
 * nginx in front of the local stack's gateway, the way infra/nginx runs on a server: TLS
 * (HTTP/2) with a self-signed certificate made for 127.0.0.1 and kept in
 * {@code <state>/nginx}, and the same proxy and TLS settings
 * ({@code infra/nginx/snippets}). Optional: started only when an {@code nginx} binary is
 * found ({@code NGINX} names one; {@code MINIBASE_NGINX=off} turns it off) and
 * {@code openssl} is there to make the certificate. Listens on
 * {@code MINIBASE_HTTPS_PORT}, else 8443 for a developer's stack and any port (held until
 * nginx has stopped, see {@link HeldPort}) for a test's.
 */
public final class Nginx implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

	private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin");

	private final Process process;

	private final HeldPort port;

	private final Path dir;

	private Nginx(Process process, HeldPort port, Path dir) {
		this.process = process;
		this.port = port;
		this.dir = dir;
	}

	/**
	 * Starts nginx in front of the gateway, or says why not and returns empty: the stack
	 * runs without HTTPS then.
	 */
	static Optional<Nginx> startIfFound(StackSettings settings, StackPorts ports, PrintStream out) {
		Map<String, String> env = settings.env();
		if ("off".equalsIgnoreCase(env.getOrDefault("MINIBASE_NGINX", ""))) {
			return Optional.empty();
		}
		Optional<Path> nginx = binary("nginx", env.get("NGINX"), env);
		Optional<Path> openssl = binary("openssl", env.get("OPENSSL"), env);
		if (nginx.isEmpty() || openssl.isEmpty()) {
			out.printf("  %-12s not started: no %s found (apt-get install -y nginx-light openssl, or set NGINX)%n",
					"nginx", nginx.isEmpty() ? "nginx" : "openssl");
			return Optional.empty();
		}
		int wanted = env.containsKey("MINIBASE_HTTPS_PORT") ? Integer.parseInt(env.get("MINIBASE_HTTPS_PORT").trim())
				: (ports.equals(StackPorts.standard()) ? 8443 : 0);
		HeldPort port;
		try {
			port = Ports.hold(wanted);
		}
		catch (Ports.PortTaken ex) {
			out.printf("  %-12s not started: port %d is already in use (MINIBASE_HTTPS_PORT picks another)%n", "nginx",
					wanted);
			return Optional.empty();
		}
		Path dir = settings.home().resolve("nginx");
		try {
			prepare(dir, settings, openssl.get(), ports.gateway(), port.port());
			Process process = new ProcessBuilder(nginx.get().toString(), "-p", dir.toString(), "-c",
					dir.resolve("nginx.conf").toString(), "-g", "daemon off;")
				.redirectErrorStream(true)
				.redirectOutput(settings.logDir().resolve("nginx.log").toFile())
				.start();
			Nginx started = new Nginx(process, port, dir);
			started.awaitListening(settings.logDir().resolve("nginx.log"));
			out.printf("  %-16s %s -> %s (log %s)%n", "nginx", started.url(), ports.gatewayUrl(),
					settings.logDir().resolve("nginx.log"));
			return Optional.of(started);
		}
		catch (IOException | IllegalStateException ex) {
			port.close();
			out.printf("  %-12s not started: %s%n", "nginx", ex.getMessage());
			return Optional.empty();
		}
	}

	/** {@code https://127.0.0.1:<port>}. */
	public String url() {
		return "https://127.0.0.1:" + this.port.port();
	}

	/** The self-signed certificate (PEM) a client must trust. */
	public Path certificate() {
		return this.dir.resolve("certificate.pem");
	}

	ProcessHandle handle() {
		return this.process.toHandle();
	}

	@Override
	public void close() {
		// SIGTERM: nginx's fast shutdown
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		finally {
			this.port.close();
		}
	}

	private void awaitListening(Path log) throws IOException {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (!Ports.isOpen("127.0.0.1", this.port.port())) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				close();
				throw new IllegalStateException("nginx did not start; " + log + " says: "
						+ (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).trim() : "nothing"));
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				close();
				throw new IllegalStateException("interrupted while starting nginx");
			}
		}
	}

	/**
	 * The certificate (made once, so a developer can trust it once), the project's
	 * snippets, and an nginx.conf whose every path is under {@code dir}.
	 */
	private static void prepare(Path dir, StackSettings settings, Path openssl, int gatewayPort, int port)
			throws IOException {
		Files.createDirectories(dir.resolve("logs"));
		Files.createDirectories(dir.resolve("temp"));
		Files.createDirectories(settings.logDir());
		if (!Files.exists(dir.resolve("certificate.pem")) || !Files.exists(dir.resolve("key.pem"))) {
			certificate(dir, openssl);
		}
		Path snippets = settings.repoRoot().resolve("infra").resolve("nginx").resolve("snippets");
		Files.createDirectories(dir.resolve("snippets"));
		try (Stream<Path> files = Files.list(snippets)) {
			for (Path file : files.toList()) {
				Files.copy(file, dir.resolve("snippets").resolve(file.getFileName()),
						StandardCopyOption.REPLACE_EXISTING);
			}
		}
		String conf = """
				# Written by the local stack (io.minibase.local.Nginx); infra/nginx is the server's.
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/logs/error.log warn;

				events {
					worker_connections 256;
				}

				http {
					default_type application/octet-stream;
					server_tokens off;
					access_log %1$s/logs/access.log;
					client_body_temp_path %1$s/temp/client_body;
					proxy_temp_path %1$s/temp/proxy;
					fastcgi_temp_path %1$s/temp/fastcgi;
					uwsgi_temp_path %1$s/temp/uwsgi;
					scgi_temp_path %1$s/temp/scgi;

					upstream minibase_gateway {
						server 127.0.0.1:%2$d max_fails=3 fail_timeout=10s;
						keepalive 8;
						keepalive_timeout 15s;
					}

					server {
						listen 127.0.0.1:%3$d ssl http2;
						server_name localhost;
						ssl_certificate %1$s/certificate.pem;
						ssl_certificate_key %1$s/key.pem;
						include %1$s/snippets/tls.conf;
						include %1$s/snippets/proxy.conf;
					}
				}
				""".formatted(dir, gatewayPort, port);
		Files.writeString(dir.resolve("nginx.conf"), conf, StandardCharsets.UTF_8);
	}

	private static void certificate(Path dir, Path openssl) throws IOException {
		Process process = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
				"-days", "825", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
				"-keyout", "key.pem", "-out", "certificate.pem")
			.directory(dir.toFile())
			.redirectErrorStream(true)
			.start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("openssl could not make a certificate: " + output.trim());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while making a certificate");
		}
	}

	private static Optional<Path> binary(String name, String given, Map<String, String> env) {
		if (given != null && !given.isBlank()) {
			return Optional.of(Path.of(given)).filter(Files::isExecutable);
		}
		Stream<String> dirs = Stream.concat(Stream.of(env.getOrDefault("PATH", "").split(":")), SBIN.stream());
		return dirs.filter((d) -> !d.isBlank()).map((d) -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
	}

}
