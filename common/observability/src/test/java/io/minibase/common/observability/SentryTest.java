package io.minibase.common.observability;

import io.sentry.Sentry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Sentry reports errors only where a DSN is configured (SENTRY_DSN). */
class SentryTest {

	@SpringBootApplication
	static class App {

	}

	@AfterEach
	void closeSentry() {
		Sentry.close();
	}

	@Test
	void withoutADsnSentryStaysOff() {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(Sentry.isEnabled()).isFalse();
		}
	}

	@Test
	void aDsnSwitchesItOn() {
		// a DSN nobody listens on: nothing is sent unless an error is captured
		try (ConfigurableApplicationContext context = start("--sentry.dsn=http://key@127.0.0.1:9/1")) {
			assertThat(Sentry.isEnabled()).isTrue();
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run(args);
	}

}
