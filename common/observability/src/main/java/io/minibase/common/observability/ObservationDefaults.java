package io.minibase.common.observability;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What every application observes, chosen for the small box; an application's own
 * configuration still wins (these come last).
 *
 * <ul>
 * <li>No long-task timer per observation ({@code http.server.requests.active} and the
 * like): Micrometer registers and looks one up for every request it observes, which was
 * about a fifth of catalog-service's allocations on a cached read (JFR, docs/sizing.md).
 * The requests' timers, their spans and the servers' own thread and connection gauges
 * stay; what is in flight shows there.</li>
 * </ul>
 */
public class ObservationDefaults implements EnvironmentPostProcessor {

	static final Map<String, Object> DEFAULTS = Map.of("management.metrics.observations.ignored-meters",
			"long-task-timer");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource("minibase-observation-defaults", DEFAULTS));
	}

}
