package io.minibase.auth.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of auth-service ({@code auth.*}).
 *
 * @param issuer the {@code iss} of every access token
 * @param audience the {@code aud} of every access token
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token (and its family) is valid
 * @param sessionKey how WeChat session keys are kept
 * @param wechat the WeChat API
 * @param phone how users' phone numbers are kept
 */
@Validated
@ConfigurationProperties("auth")
public record AuthProperties(@DefaultValue("minibase-auth") @NotBlank String issuer,
		@DefaultValue("minibase") @NotBlank String audience, @DefaultValue("15m") @NotNull Duration accessTokenTtl,
		@DefaultValue("30d") @NotNull Duration refreshTokenTtl, @DefaultValue @Valid SessionKey sessionKey,
		@DefaultValue @Valid WeChat wechat, @DefaultValue @Valid Phone phone) {

	/**
	 * @param key base64 of the 32-byte AES key that encrypts phone numbers; empty to use
	 * one generated and kept in the auth schema
	 */
	public record Phone(@DefaultValue("") String key) {

		@Override
		public String toString() {
			return "Phone[redacted]";
		}

	}

	/**
	 * @param secret base64 of the 32-byte AES key; empty to use one generated and kept in
	 * the auth schema
	 * @param ttl how long a session key is kept in Redis
	 */
	public record SessionKey(@DefaultValue("") String secret, @DefaultValue("3d") @NotNull Duration ttl) {

		@Override
		public String toString() {
			return "SessionKey[ttl=" + this.ttl + "]";
		}

	}

	/**
	 * @param baseUrl WeChat's API (or the stub in the local stack and tests)
	 * @param appId the mini-program's AppID
	 * @param appSecret the AppSecret, from the environment only
	 * @param appSecretFile a file holding the AppSecret (a mounted secret), used when
	 * {@code appSecret} is empty
	 * @param connectTimeout connect timeout of each call
	 * @param readTimeout read timeout of each call
	 * @param attempts calls per login when WeChat is busy or unreachable
	 * @param backoff pause before the second attempt, doubled for each next one
	 */
	public record WeChat(@DefaultValue("http://127.0.0.1:8090") @NotBlank String baseUrl,
			@DefaultValue("wx-local-stack") @NotBlank String appId, @DefaultValue("") String appSecret,
			@DefaultValue("") String appSecretFile, @DefaultValue("2s") @NotNull Duration connectTimeout,
			@DefaultValue("3s") @NotNull Duration readTimeout, @DefaultValue("3") @Min(1) int attempts,
			@DefaultValue("100ms") @NotNull Duration backoff) {

		/**
		 * The AppSecret from the environment or the secret file. Empty only against a
		 * loopback stub: against the real API an empty secret is a deployment mistake, so
		 * it stops the start instead of failing every login.
		 */
		public String resolvedAppSecret() {
			String secret = this.appSecret;
			if (secret.isBlank() && !this.appSecretFile.isBlank()) {
				try {
					secret = Files.readString(Path.of(this.appSecretFile), StandardCharsets.UTF_8).strip();
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not read WECHAT_APP_SECRET_FILE", ex);
				}
			}
			if (secret.isBlank() && !isLoopback()) {
				throw new IllegalStateException(
						"No WeChat AppSecret: set WECHAT_APP_SECRET or WECHAT_APP_SECRET_FILE (an empty secret is only accepted when auth.wechat.base-url is a stub on 127.0.0.1 or localhost)");
			}
			return secret;
		}

		boolean isLoopback() {
			String host = URI.create(this.baseUrl).getHost();
			return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
		}

		// the secret must never reach a log line, not even through a bound-properties
		// dump
		@Override
		public String toString() {
			return "WeChat[baseUrl=" + this.baseUrl + ", appId=" + this.appId + "]";
		}

	}

}
