package io.minibase.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

/**
 * The staff's console (the {@code console} module, ADR 20) at {@code /admin/}: static
 * files from the class path, no token needed to load them (every API call the console
 * then makes carries the admin's token, through the same routes, checks and limits as any
 * other client's).
 * <ul>
 * <li>{@code /admin/assets/**}: Vite names each file by a hash of its content, so it is
 * cached for a year and never revalidated;</li>
 * <li>any other path under {@code /admin/} is a page of the console's router: the HTML,
 * {@code no-cache} (revalidated with its ETag), so a new build is picked up at the next
 * load;</li>
 * <li>a missing file (a name with an extension) is a 404 problem like any other.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes {

	static final String LOCATION = "console/";

	static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	static final CacheControl HTML = CacheControl.noCache();

	/**
	 * Scripts and styles from the console's own origin only; images also from elsewhere
	 * (file-service's public base URL may be a CDN); no framing.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https: http:; connect-src 'self'; "
			+ "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	@Bean
	RouterFunction<ServerResponse> console() {
		Page index = Page.load(new ClassPathResource(LOCATION + "index.html"));
		return RouterFunctions.route()
			.GET("/admin", (request) -> ServerResponse.permanentRedirect(URI.create("/admin/")).build())
			.GET("/admin/assets/{*file}", ConsoleRoutes::asset)
			.GET("/admin/{*page}", (request) -> page(request, index))
			.build();
	}

	private static Mono<ServerResponse> asset(ServerRequest request) {
		Resource file = file("assets" + request.pathVariable("file"));
		return ServerResponse.ok()
			.cacheControl(IMMUTABLE)
			.contentType(MediaTypeFactory.getMediaType(file).orElse(MediaType.APPLICATION_OCTET_STREAM))
			.body(BodyInserters.fromResource(file));
	}

	private static Mono<ServerResponse> page(ServerRequest request, Page index) {
		String path = request.pathVariable("page");
		String last = path.substring(path.lastIndexOf('/') + 1);
		if (last.contains(".") && !last.equals("index.html")) {
			// a file next to index.html (none today): served as it is, revalidated
			Resource file = file(path.substring(1));
			return ServerResponse.ok()
				.cacheControl(HTML)
				.contentType(MediaTypeFactory.getMediaType(file).orElse(MediaType.APPLICATION_OCTET_STREAM))
				.body(BodyInserters.fromResource(file));
		}
		if (index == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The console is not part of this build.");
		}
		if (request.headers().header(HttpHeaders.IF_NONE_MATCH).contains(index.etag())) {
			return ServerResponse.status(HttpStatus.NOT_MODIFIED).cacheControl(HTML).eTag(index.etag()).build();
		}
		return ServerResponse.ok()
			.cacheControl(HTML)
			.eTag(index.etag())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.bodyValue(index.html());
	}

	/**
	 * A file of the console, or a 404 (the path guard has refused {@code ..} already).
	 */
	private static Resource file(String path) {
		Resource file = new ClassPathResource(LOCATION + path);
		if (path.isEmpty() || path.endsWith("/") || !file.isReadable()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such file of the console.");
		}
		return file;
	}

	/** index.html, read once: it changes only with a new build of the gateway. */
	record Page(byte[] html, String etag) {

		static Page load(Resource resource) {
			if (!resource.isReadable()) {
				return null;
			}
			try (InputStream in = resource.getInputStream()) {
				byte[] html = in.readAllBytes();
				byte[] hash = MessageDigest.getInstance("SHA-256").digest(html);
				return new Page(html, "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
