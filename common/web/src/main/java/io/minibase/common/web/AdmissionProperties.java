package io.minibase.common.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests a service works on at once ({@code minibase.admission.*},
 * {@link RequestAdmission}); unset, a service admits every request.
 *
 * @param maxConcurrentRequests requests whose handlers run at once
 * @param maxWait how long a request beyond that waits for its turn before it is a 503
 * @param paths the requests bounded (Spring MVC path patterns)
 * @param excludedPaths requests never held back among those
 */
@ConfigurationProperties("minibase.admission")
public record AdmissionProperties(int maxConcurrentRequests, @DefaultValue("2s") Duration maxWait,
		@DefaultValue("/api/**") List<String> paths, @DefaultValue List<String> excludedPaths) {

	public AdmissionProperties {
		if (maxConcurrentRequests < 1) {
			throw new IllegalArgumentException(
					"minibase.admission.max-concurrent-requests must be at least 1, not " + maxConcurrentRequests);
		}
	}

}
