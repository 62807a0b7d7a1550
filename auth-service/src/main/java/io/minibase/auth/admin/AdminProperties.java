package io.minibase.auth.admin;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin accounts ({@code auth.admin.*}).
 *
 * @param username the first admin's name
 * @param password the first admin's password, from the environment only
 * ({@code AUTH_ADMIN_PASSWORD}); when empty no admin is created, there is no default one
 * @param maxFailures failed logins of one username before it is locked
 * @param lockout how long a locked username stays locked (the failure count's lifetime)
 */
@Validated
@ConfigurationProperties("auth.admin")
public record AdminProperties(@DefaultValue("admin") @NotBlank String username, @DefaultValue("") String password,
		@DefaultValue("5") @Min(1) int maxFailures, @DefaultValue("15m") Duration lockout) {

	@Override
	public String toString() {
		return "AdminProperties[username=" + this.username + "]";
	}

}
