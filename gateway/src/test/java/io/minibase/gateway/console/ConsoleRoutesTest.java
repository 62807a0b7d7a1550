package io.minibase.gateway.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as a browser loads it from the gateway: the page without a token and never
 * cached stale, its hashed files cached for a year, the router's paths answered with the
 * page, a missing file a 404 problem.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
class ConsoleRoutesTest {

	private static final Pattern SCRIPT = Pattern.compile("src=\"(/admin/assets/[^\"]+\\.js)\"");

	@Autowired
	private WebTestClient client;

	@ParameterizedTest
	@ValueSource(strings = { "/admin/", "/admin/index.html", "/admin/products", "/admin/orders/deep/link" })
	void theConsolesPagesAreItsHtmlWithoutATokenAndNeverCachedStale(String path) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.cacheControl(ConsoleRoutes.HTML)
			.expectHeader()
			.valueEquals("Content-Security-Policy", ConsoleRoutes.CONTENT_SECURITY_POLICY)
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.exists(HttpHeaders.ETAG)
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<div id=\"app\"></div>").contains("/admin/assets/"));
	}

	@Test
	void thePageIsRevalidatedWithItsETag() {
		String etag = this.client.get()
			.uri("/admin/")
			.exchange()
			.returnResult(String.class)
			.getResponseHeaders()
			.getETag();
		this.client.get()
			.uri("/admin/users")
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified();
	}

	@Test
	void hashedFilesAreCachedForAYearAndNeverRevalidated() {
		String html = this.client.get()
			.uri("/admin/")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Matcher script = SCRIPT.matcher(html);
		assertThat(script.find()).as("a script in %s", html).isTrue();
		this.client.get()
			.uri(script.group(1))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(new MediaType("text", "javascript"))
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/admin/assets/nope-123.js", "/admin/assets/", "/admin/favicon.ico" })
	void aMissingFileIsA404Problem(String path) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("X-Trace-Id");
	}

	@Test
	void theBarePathRedirectsToTheConsole() {
		this.client.get()
			.uri("/admin")
			.exchange()
			.expectStatus()
			.isPermanentRedirect()
			.expectHeader()
			.location("/admin/");
	}

	@Test
	void aPathOutsideTheConsoleIsStillAnUnknownRoute() {
		this.client.get()
			.uri("/administrator")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
