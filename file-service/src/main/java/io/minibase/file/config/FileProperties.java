package io.minibase.file.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Settings of file-service, under {@code files}. */
@Validated
@ConfigurationProperties("files")
public record FileProperties(@NotNull DataSize maxSize, @Min(1) long maxPixels,
		@NotEmpty List<@Min(16) @Max(2048) Integer> widths, @Min(1) int maxConcurrentScaling, @Valid @NotNull Rate rate,
		@Valid @NotNull Quota quota, @Valid @NotNull Storage storage) {

	/** Uploads per user within a fixed window, counted in Redis (shared by instances). */
	public record Rate(@Min(1) int uploads, @NotNull Duration window) {

	}

	/** Bytes a user may have stored (distinct uploads), counted in MySQL. */
	public record Quota(@NotNull DataSize maxBytes) {

	}

	/** Where the bytes live: {@code local} (one folder) or {@code s3}. */
	public record Storage(@NotNull Type type, @Valid @NotNull Local local, @Valid @NotNull S3 s3) {

		public enum Type {

			LOCAL, S3

		}

		/** A folder on this machine (or a shared volume). */
		public record Local(@NotNull Path path) {

		}

		/**
		 * An S3-compatible bucket; an empty endpoint means AWS itself, empty keys the
		 * SDK's default credential chain.
		 */
		public record S3(String bucket, URI endpoint, String region, String accessKey, String secretKey,
				boolean pathStyle, String prefix) {

		}

	}

}
