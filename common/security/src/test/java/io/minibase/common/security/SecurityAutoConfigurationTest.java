package io.minibase.common.security;

import java.time.Duration;

import io.minibase.common.tokens.AuthServiceKeys;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's decoder and auth-service's keys, as its settings bind them. */
class SecurityAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class));

	@Test
	void aServiceKeepsAuthServiceKeysAsItsSettingsSay() {
		this.runner
			.withPropertyValues("minibase.tokens.jwk-set-uri=http://127.0.0.1:9/.well-known/jwks.json",
					"minibase.tokens.keys-max-age=2m")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AuthServiceKeys.class).hasSingleBean(JwtDecoder.class);
				TokenProperties tokens = context.getBean(TokenProperties.class);
				assertThat(tokens.keysMaxAge()).isEqualTo(Duration.ofMinutes(2));
				assertThat(tokens.keysMinRefresh()).isEqualTo(Duration.ofSeconds(10));
			});
	}

	@Test
	void aServiceWithADecoderOfItsOwnFetchesNoKeys() {
		this.runner.withBean(JwtDecoder.class, () -> (token) -> null)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AuthServiceKeys.class));
	}

}
