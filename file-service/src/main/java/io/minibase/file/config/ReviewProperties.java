package io.minibase.file.config;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * WeChat's media check of user uploads ({@code files.review.*}).
 *
 * @param enabled whether user uploads wait for the check (admin uploads never do)
 * @param publicBaseUrl where WeChat downloads a file to check it: the gateway's public
 * URL
 * @param askAgainAfter when a check was asked for and no result came, ask again after
 * this
 * @param sweepInterval how often the checks still to ask for are looked for
 * @param push the message push that brings the results (token and EncodingAESKey, as
 * configured in the mini-program's admin console)
 */
@Validated
@ConfigurationProperties("files.review")
public record ReviewProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("http://127.0.0.1:8080") @NotBlank String publicBaseUrl,
		@DefaultValue("10m") @NotNull Duration askAgainAfter, @DefaultValue("5s") @NotNull Duration sweepInterval,
		@DefaultValue Push push) {

	/**
	 * @param token the push token; empty: the push endpoint answers 404
	 * @param encodingAesKey the EncodingAESKey (safe mode); empty for plain mode
	 */
	public record Push(@DefaultValue("") String token, @DefaultValue("") String encodingAesKey) {

		@Override
		public String toString() {
			return "Push[redacted]";
		}

	}

}
