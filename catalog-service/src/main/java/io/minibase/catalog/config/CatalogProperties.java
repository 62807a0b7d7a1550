package io.minibase.catalog.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings of catalog-service, under {@code catalog}. */
@Validated
@ConfigurationProperties("catalog")
public record CatalogProperties(@NotBlank String imageBaseUrl, @Valid @NotNull Cache cache) {

	/** The Redis cache in front of product reads. */
	public record Cache(@NotNull Duration ttl, @NotNull Duration jitter, @NotNull Duration absentTtl,
			@NotNull Duration redisRetryAfter, @Min(1) int maxConcurrentLoads, @NotNull Duration bulkheadWait,
			@NotNull Duration secondEvictionDelay) {

	}

}
