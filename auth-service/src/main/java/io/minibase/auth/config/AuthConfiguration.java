package io.minibase.auth.config;

import java.time.Clock;

import io.minibase.auth.admin.AdminProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settings and the clock the token code reads, so tests can move time. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AuthProperties.class, AdminProperties.class })
class AuthConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
