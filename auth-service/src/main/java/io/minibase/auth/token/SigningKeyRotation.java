package io.minibase.auth.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the signing keys' schedule on every instance: whichever gets the key lock first
 * applies the due steps, and each then reloads the keys, so all sign with the new key
 * within {@code check-every} of its start.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(SigningKeyProperties.class)
class SigningKeyRotation {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyRotation.class);

	private final SigningKeys keys;

	SigningKeyRotation(SigningKeys keys) {
		this.keys = keys;
	}

	@Scheduled(fixedDelayString = "${auth.signing-keys.check-every:1m}",
			initialDelayString = "${auth.signing-keys.check-every:1m}")
	void check() {
		try {
			this.keys.rotateIfDue();
		}
		catch (RuntimeException ex) {
			// the database may be away for a moment: the current keys go on, and the next
			// check tries again
			log.warn("Could not check the signing keys' schedule: {}", ex.toString());
		}
	}

}
