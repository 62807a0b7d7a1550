package io.minibase.box;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarFile;

import org.springframework.boot.SpringApplication;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Runs the applications of one box in this JVM (docs/adr/0009-one-jvm-per-box.md).
 *
 * <p>
 * This JVM's class path holds the libraries of all of them, each loaded once: that is the
 * point, since most of a Spring Boot service's memory is the classes, the compiled code
 * and the JVM's own structures around them, not its data. Each application gets a class
 * loader of its own over its own jar, so its classes, its {@code application.yml}, its
 * Flyway migrations and its MyBatis mappers are seen by it alone, and an application
 * context of its own with the environment it would have as a process of its own. They
 * still talk only over HTTP and Kafka and own their schemas.
 *
 * <p>
 * {@code java -cp <libraries>:box.jar io.minibase.box.Box <plan.properties>}, see
 * {@link BoxPlan}. The JVM exits when an application fails to start; SIGTERM closes them
 * all through Spring's shutdown hooks.
 */
public final class Box {

	private Box() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 1) {
			System.err.println("usage: Box <plan.properties>");
			System.exit(2);
		}
		BoxPlan plan = BoxPlan.read(Path.of(args[0]));
		MemberSettings settings = MemberSettings.fromClassPath();
		ExecutorService starting = Executors.newFixedThreadPool(plan.members().size(),
				Thread.ofPlatform().name("box-start-", 0).factory());
		List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
		for (Member member : plan.members()) {
			boolean first = started.isEmpty();
			started.add(starting.submit(() -> {
				if (!first) {
					// started together, each would set logging up and add its own
					// console appender
					BoxLogging.awaitSetUp();
				}
				return start(member, settings, first);
			}));
		}
		try {
			for (Future<ConfigurableApplicationContext> context : started) {
				context.get();
			}
		}
		catch (ExecutionException ex) {
			// one application down means the box is not what was asked for; the launcher
			// sees the exit and shows the log
			ex.getCause().printStackTrace();
			System.exit(1);
		}
		finally {
			starting.shutdown();
		}
	}

	/**
	 * Starts a member and returns its running context; the first sets up what the JVM has
	 * once (logging).
	 */
	static ConfigurableApplicationContext start(Member member, MemberSettings settings, boolean first)
			throws ClassNotFoundException {
		ClassLoader loader = loaderFor(member);
		Class<?> main = loader.loadClass(mainClass(member.jar()));
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		// threads the context starts (Tomcat's, Kafka's, schedulers) inherit this one
		thread.setContextClassLoader(loader);
		String name = thread.getName();
		thread.setName(member.name() + "-main");
		try {
			SpringApplication application = new MemberApplication(member, loader, main);
			application.setWebApplicationType(member.web());
			application.addListeners(new BoxLogging());
			application.addInitializers((context) -> context.addBeanFactoryPostProcessor(new ForeignHooks(member)));
			return application.run(settings.arguments(member, first));
		}
		finally {
			thread.setName(name);
			thread.setContextClassLoader(previous);
		}
	}

	/** The member's own jar, over the box's libraries. */
	private static ClassLoader loaderFor(Member member) {
		try {
			return new URLClassLoader(member.name(), new URL[] { member.jar().toUri().toURL() },
					Box.class.getClassLoader());
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException(member.jar().toString(), ex);
		}
	}

	private static String mainClass(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			String main = (file.getManifest() != null) ? file.getManifest().getMainAttributes().getValue("Main-Class")
					: null;
			if (main == null) {
				throw new IllegalArgumentException(jar + " has no Main-Class");
			}
			return main;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A member's application: its own class loader, and its own environment variables
	 * over the box's (a property source with the same relaxed names as the process
	 * environment, ahead of it).
	 */
	private static final class MemberApplication extends SpringApplication {

		private final Member member;

		MemberApplication(Member member, ClassLoader loader, Class<?> main) {
			super(new DefaultResourceLoader(loader), main);
			this.member = member;
		}

		@Override
		protected void configurePropertySources(ConfigurableEnvironment environment, String[] args) {
			super.configurePropertySources(environment, args);
			SystemEnvironmentPropertySource own = new SystemEnvironmentPropertySource("box:" + this.member.name(),
					new LinkedHashMap<>(this.member.env()));
			if (environment.getPropertySources().contains("systemEnvironment")) {
				environment.getPropertySources().addBefore("systemEnvironment", own);
			}
			else {
				environment.getPropertySources().addLast(own);
			}
		}

	}

}
