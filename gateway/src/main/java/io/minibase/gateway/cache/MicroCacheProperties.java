package io.minibase.gateway.cache;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's micro-cache of public reads ({@code gateway.micro-cache.*}, see
 * {@link MicroCache}).
 *
 * @param ttl how long a stored answer is served; also the bound on how stale a read can
 * be on a gateway that did not see the write
 * @param maxSize the memory all stored answers may take
 * @param maxEntrySize the largest answer stored
 */
@Validated
@ConfigurationProperties("gateway.micro-cache")
public record MicroCacheProperties(@DefaultValue("1s") @NotNull Duration ttl,
		@DefaultValue("16MB") @NotNull DataSize maxSize, @DefaultValue("256KB") @NotNull DataSize maxEntrySize) {

	public MicroCacheProperties {
		if (ttl != null && !ttl.isPositive()) {
			throw new IllegalArgumentException("gateway.micro-cache.ttl must be positive, not " + ttl);
		}
	}

}
