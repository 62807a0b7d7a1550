package io.minibase.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff's console in a real browser against the whole stack: Debian's headless
 * Chromium driven by playwright-core ({@code console/e2e/console.e2e.mjs}; no browser is
 * downloaded). It signs in, creates a category and a product of two SKUs with an image,
 * finds it in the public API, ships and refunds an order a mini-program placed and paid,
 * and writes a screenshot of each page to {@code target/console-e2e/} (docs/console.md
 * shows copies of them, refreshed on purpose, never by a test run).
 */
@ExtendWith(SharedStack.class)
class ConsoleIT {

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

	@Test
	void aShopIsRunFromTheConsole() throws Exception {
		Path repo = StackSettings.findRepoRoot(Path.of(""), System.getenv());
		Path console = repo.resolve("console");
		assertThat(CHROMIUM).as("Chromium for the console's browser test: apt-get install -y chromium (.ci/run does)")
			.isExecutable();
		assertThat(console.resolve("node_modules/playwright-core"))
			.as("the console's packages: the console module's build runs npm ci (./mvnw -pl console package)")
			.isDirectory();
		Path out = Files.createDirectories(Path.of("target", "console-e2e")).toAbsolutePath();
		Path log = out.resolve("console-e2e.log");
		ProcessBuilder node = new ProcessBuilder(List.of("node", "e2e/console.e2e.mjs")).directory(console.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		node.environment().put("GATEWAY_URL", SharedStack.stack().gatewayUrl());
		node.environment().put("PAY_STUB_URL", SharedStack.stack().payStubUrl());
		node.environment().put("ADMIN_PASSWORD", SharedStack.adminPassword());
		node.environment().put("CHROMIUM", CHROMIUM.toString());
		node.environment().put("SCREENSHOTS", out.toString());
		Process browser = node.start();
		boolean ended = browser.waitFor(180, TimeUnit.SECONDS);
		if (!ended) {
			browser.descendants().forEach(ProcessHandle::destroyForcibly);
			browser.destroyForcibly();
		}
		String output = read(log);
		System.out.println(output);
		assertThat(ended).as("the browser test ended within 3 minutes:%n%s", output).isTrue();
		assertThat(browser.exitValue())
			.as("the browser test (log %s, screenshot %s):%n%s", log, out.resolve("failure.png"), output)
			.isZero();
		assertThat(output).contains("console-e2e: passed");
	}

	private static String read(Path log) throws IOException {
		return Files.exists(log) ? Files.readString(log) : "";
	}

}
