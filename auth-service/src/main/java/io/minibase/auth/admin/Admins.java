package io.minibase.auth.admin;

import java.time.Duration;

import io.minibase.common.web.RedisWindowCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admin accounts: the first one comes from configuration, logins check a bcrypt hash, and
 * failures are counted per username in Redis so guessing is slow (the gateway also limits
 * login attempts per client address).
 */
@Service
public class Admins {

	private static final Logger log = LoggerFactory.getLogger(Admins.class);

	private static final String FAILURES = "auth:admin-failures:";

	private final AdminMapper mapper;

	private final AdminProperties properties;

	private final StringRedisTemplate redis;

	private final RedisWindowCounter failures;

	private final TransactionTemplate transactions;

	private final PasswordEncoder passwords = new BCryptPasswordEncoder();

	/** Compared against when the username is unknown, so both cases take as long. */
	private final String decoyHash;

	Admins(AdminMapper mapper, AdminProperties properties, StringRedisTemplate redis,
			TransactionTemplate transactions) {
		this.mapper = mapper;
		this.properties = properties;
		this.redis = redis;
		this.failures = new RedisWindowCounter(redis);
		this.transactions = transactions;
		this.decoyHash = this.passwords.encode("decoy-" + System.nanoTime());
	}

	/**
	 * Creates the configured first admin when there is no admin yet, and makes its
	 * password the configured one when they differ: the environment is where operators
	 * set (and rotate) it, and a lost local copy can always be replaced.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void createFirstAdmin() {
		if (this.properties.password().isBlank()) {
			if (this.mapper.count() == 0) {
				log.info("No admin account exists; set AUTH_ADMIN_PASSWORD to create '{}'", this.properties.username());
			}
			return;
		}
		AdminMapper.Credential existing = this.mapper.findByUsername(this.properties.username());
		if (existing != null) {
			if (!this.passwords.matches(this.properties.password(), existing.passwordHash())) {
				this.mapper.updatePassword(existing.userId(), this.passwords.encode(this.properties.password()));
				log.info("Set the password of admin '{}' from the configuration", this.properties.username());
			}
			return;
		}
		try {
			this.transactions.executeWithoutResult((status) -> {
				if (this.mapper.count() == 0) {
					this.mapper.insertAdminUser(this.properties.username());
					this.mapper.insertCredential(this.mapper.lastInsertId(), this.properties.username(),
							this.passwords.encode(this.properties.password()));
					log.info("Created the first admin account '{}'", this.properties.username());
				}
			});
		}
		catch (DuplicateKeyException ex) {
			// another instance created it at the same moment
		}
	}

	/**
	 * The admin's user id when the password is right.
	 * @throws AdminLoginFailed when it is not (401), or after too many failures (429)
	 */
	public long authenticate(String username, String password) {
		String failuresKey = FAILURES + username;
		String failures = this.redis.opsForValue().get(failuresKey);
		if (failures != null && Integer.parseInt(failures) >= this.properties.maxFailures()) {
			Long ttl = this.redis.getExpire(failuresKey);
			throw new AdminLoginFailed.Locked(Duration.ofSeconds((ttl != null && ttl > 0) ? ttl : 1));
		}
		AdminMapper.Credential credential = this.mapper.findByUsername(username);
		boolean matches = this.passwords.matches(password,
				(credential != null) ? credential.passwordHash() : this.decoyHash);
		if (credential == null || !matches) {
			this.failures.increment(failuresKey, this.properties.lockout());
			throw AdminLoginFailed.wrongCredentials();
		}
		this.redis.delete(failuresKey);
		return credential.userId();
	}

}
