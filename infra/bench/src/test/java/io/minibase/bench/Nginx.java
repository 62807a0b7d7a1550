package io.minibase.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import static org.awaitility.Awaitility.await;

/**
 * An nginx of the bench's own, proxying to catalog-service the way a team that skips the
 * gateway would: the third leg of the cached-read comparison. Started only when an
 * {@code nginx} binary is installed; otherwise that leg is reported as skipped.
 */
final class Nginx implements AutoCloseable {

	private final Process process;

	private final int port;

	private Nginx(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static Optional<Path> binary() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream
			.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"))
			.filter((dir) -> !dir.isBlank())
			.map((dir) -> Path.of(dir, "nginx"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Starts nginx on {@code 127.0.0.1:port} in front of {@code upstreamPort}, keeping up
	 * to {@code connections} idle connections to it: as many as the bench's clients, so
	 * that nginx reuses its upstream connections at every concurrency the bench runs
	 * instead of opening and closing them per request.
	 */
	static Nginx start(Path binary, Path dir, int port, int upstreamPort, int connections) throws IOException {
		Files.createDirectories(dir.resolve("tmp"));
		String d = dir.toAbsolutePath().toString();
		String config = """
				worker_processes 1;
				daemon off;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log warn;
				events { worker_connections %4$d; }
				http {
				  access_log off;
				  client_body_temp_path %1$s/tmp/body;
				  proxy_temp_path %1$s/tmp/proxy;
				  fastcgi_temp_path %1$s/tmp/fastcgi;
				  uwsgi_temp_path %1$s/tmp/uwsgi;
				  scgi_temp_path %1$s/tmp/scgi;
				  upstream catalog {
				    server 127.0.0.1:%3$d;
				    keepalive %5$d;
				  }
				  server {
				    listen 127.0.0.1:%2$d;
				    location / {
				      proxy_pass http://catalog;
				      proxy_http_version 1.1;
				      proxy_set_header Connection "";
				      proxy_set_header Host $host;
				      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
				    }
				  }
				}
				""".formatted(d, port, upstreamPort, Math.max(1024, 4 * connections), Math.max(32, connections));
		Path conf = dir.resolve("nginx.conf");
		Files.writeString(conf, config);
		Process process = new ProcessBuilder(
				List.of(binary.toString(), "-p", d, "-c", conf.toAbsolutePath().toString()))
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("nginx.out").toFile())
			.start();
		try {
			await("nginx listening on " + port).atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.failFast("nginx exited", () -> !process.isAlive())
				.until(() -> listens(port));
		}
		catch (TerminalFailureException exited) {
			throw new IOException("nginx exited with " + process.exitValue() + ", see " + dir.resolve("nginx.out")
					+ " and " + dir.resolve("error.log"));
		}
		catch (ConditionTimeoutException timedOut) {
			process.destroyForcibly();
			throw new IOException("nginx did not listen on " + port + " within 10s");
		}
		return new Nginx(process, port);
	}

	private static boolean listens(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	int port() {
		return this.port;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
