package io.minibase.common.wechat;

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
 * Settings of the WeChat server-API client ({@code minibase.wechat.*}), the same in every
 * service that calls WeChat: they all act as one mini-program and share its access token.
 *
 * @param baseUrl WeChat's API, {@code https://api.weixin.qq.com} (or the stub in the
 * local stack and tests)
 * @param appId the mini-program's AppID
 * @param appSecret the AppSecret, from the environment only
 * @param appSecretFile a file holding the AppSecret (a mounted secret), used when
 * {@code appSecret} is empty
 * @param connectTimeout connect timeout of each call
 * @param readTimeout read timeout of each call
 * @param attempts calls per API call while WeChat answers busy (errcode -1) or cannot be
 * connected to
 * @param backoff pause before the second attempt, doubled for each next one
 * @param token how the shared access token is kept
 */
@Validated
@ConfigurationProperties("minibase.wechat")
public record WeChatProperties(@DefaultValue("http://127.0.0.1:8090") @NotBlank String baseUrl,
		@DefaultValue("wx-local-stack") @NotBlank String appId, @DefaultValue("") String appSecret,
		@DefaultValue("") String appSecretFile, @DefaultValue("2s") @NotNull Duration connectTimeout,
		@DefaultValue("5s") @NotNull Duration readTimeout, @DefaultValue("3") @Min(1) int attempts,
		@DefaultValue("100ms") @NotNull Duration backoff, @DefaultValue @Valid Token token) {

	/**
	 * @param refreshAhead how long before its expiry the token is renewed; below WeChat's
	 * five minutes in which {@code stable_token} hands out a new token while the old one
	 * still works
	 * @param lockTtl how long the instance that renews holds the lock at most (a renewal
	 * that dies leaves it to the next instance after this)
	 * @param awaitRenewal how long a call waits for another instance's renewal when there
	 * is no usable token, before it is a 503
	 */
	public record Token(@DefaultValue("3m") @NotNull Duration refreshAhead,
			@DefaultValue("10s") @NotNull Duration lockTtl, @DefaultValue("5s") @NotNull Duration awaitRenewal) {
	}

	/**
	 * The AppSecret from the environment or the secret file. Empty only against a
	 * loopback stub: against the real API an empty secret is a deployment mistake, so it
	 * stops the start instead of failing every call.
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
					"No WeChat AppSecret: set WECHAT_APP_SECRET or WECHAT_APP_SECRET_FILE (an empty secret is only accepted when minibase.wechat.base-url is a stub on 127.0.0.1 or localhost)");
		}
		return secret;
	}

	boolean isLoopback() {
		String host = URI.create(this.baseUrl).getHost();
		return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
	}

	// the secret must never reach a log line, not even through a bound-properties dump
	@Override
	public String toString() {
		return "WeChatProperties[baseUrl=" + this.baseUrl + ", appId=" + this.appId + "]";
	}

}
