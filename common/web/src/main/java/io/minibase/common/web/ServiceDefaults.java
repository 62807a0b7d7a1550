package io.minibase.common.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every service shares (datasource from {@code DB_*}, actuator,
 * tracing, graceful shutdown, keep-alive) as the lowest-precedence defaults, so each
 * service's own {@code application.yml} and the environment can still override them.
 */
class ServiceDefaults implements EnvironmentPostProcessor {

	private static final String LOCATION = "META-INF/minibase/service-defaults.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("minibase-service-defaults",
					new ClassPathResource(LOCATION))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + LOCATION, ex);
		}
	}

}
