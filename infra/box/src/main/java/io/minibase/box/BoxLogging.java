package io.minibase.box;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Logging is the JVM's, not an application's: the first application to start sets it up
 * (Spring Boot's own way, from {@code logback-box.xml}), and the others leave it alone
 * (started each on its own, every one would set it up again and add its console appender
 * once more). Each application's {@code logging.level.*} still applies, to the one
 * logging system. The others start only once it is set up ({@link #awaitSetUp()}).
 */
final class BoxLogging implements SmartApplicationListener {

	private static final Object LOCK = new Object();

	private static final CountDownLatch SET_UP = new CountDownLatch(1);

	private static LoggingSystem shared; // guarded by LOCK

	/** Waits until the first application has set logging up. */
	static void awaitSetUp() throws InterruptedException {
		SET_UP.await();
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType);
	}

	/** Right after Spring Boot's own logging listener. */
	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		ApplicationEnvironmentPreparedEvent prepared = (ApplicationEnvironmentPreparedEvent) event;
		LoggingSystem system;
		synchronized (LOCK) {
			if (shared == null) {
				// the first: Spring Boot has just set logging up; the rest must not
				shared = LoggingSystem.get(Box.class.getClassLoader());
				System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
				SET_UP.countDown();
				return;
			}
			system = shared;
		}
		Map<String, String> levels = Binder.get(prepared.getEnvironment())
			.bind("logging.level", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		levels.forEach((logger, level) -> system.setLogLevel(
				logger.equalsIgnoreCase("root") ? LoggingSystem.ROOT_LOGGER_NAME : logger,
				LogLevel.valueOf(level.strip().toUpperCase(Locale.ROOT))));
	}

}
