package io.minibase.common.observability;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ObservationDefaultsTest {

	private static final String IGNORED = "management.metrics.observations.ignored-meters";

	@Test
	void observationsStartNoLongTaskTimer() {
		MockEnvironment environment = new MockEnvironment();

		new ObservationDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty(IGNORED)).isEqualTo("long-task-timer");
	}

	@Test
	void anApplicationsOwnSettingWins() {
		MockEnvironment environment = new MockEnvironment().withProperty(IGNORED, "");

		new ObservationDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty(IGNORED)).isEmpty();
	}

}
