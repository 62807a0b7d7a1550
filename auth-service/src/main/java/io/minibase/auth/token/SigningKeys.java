package io.minibase.auth.token;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.minibase.auth.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign and verify access tokens, kept in the auth schema so every instance
 * signs with the same key and verifies the others' tokens. The first instance to start
 * generates the key; new keys are RS256 (ADR 15), and an ES256 key left signing by an
 * earlier version is rotated out at start, still verifying the tokens it signed. Keys
 * rotate on the {@link KeySchedule} ({@link SigningKeyRotation}). It is also the
 * {@link JWKSource} of this service's own token verification: an unknown {@code kid} (a
 * key another instance just rotated in) reloads the keys, at most every few seconds.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	/**
	 * What new keys sign with: an RS256 signature is checked in a tenth of the time of an
	 * ES256 one, and every token is checked by the gateway and again by each service it
	 * reaches, while it is signed once (ADR 15).
	 */
	static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;

	/**
	 * RSA modulus size: 2048 bits, NIST's floor through 2030, and the cheapest to check.
	 */
	private static final int RSA_BITS = 2048;

	private static final String LOCK = "signing-key";

	private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(5);

	/**
	 * Added to a token's lifetime and the check interval (an instance that has not
	 * reloaded yet signs with the old key until its next check) before a key retires: the
	 * clock skew verifiers allow (30 s), with room to spare.
	 */
	private static final Duration RETIRE_MARGIN = Duration.ofMinutes(1);

	private final SigningKeyMapper mapper;

	private final TransactionTemplate transactions;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	private final KeySchedule schedule;

	private volatile Loaded loaded;

	SigningKeys(SigningKeyMapper mapper, TransactionTemplate transactions, Clock clock, AuthProperties auth,
			SigningKeyProperties rotation) {
		this.mapper = mapper;
		this.transactions = transactions;
		this.ownTransaction = new TransactionTemplate(transactions.getTransactionManager());
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.schedule = new KeySchedule(rotation.rotateEvery(), rotation.publishAhead(),
				auth.accessTokenTtl().plus(rotation.checkEvery()).plus(RETIRE_MARGIN));
	}

	/** The key that signs new tokens. */
	JWK signingKey() {
		return loaded().signing();
	}

	/** The public keys of every key that is not retired. */
	public JWKSet publicKeys() {
		return loaded().keys().toPublicJWKSet();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		Loaded current = loaded();
		List<JWK> matches = selector.select(current.keys());
		if (matches.isEmpty() && current.loadedAt().plus(RELOAD_AT_MOST_EVERY).isBefore(this.clock.instant())) {
			matches = selector.select(reload().keys());
		}
		return matches;
	}

	/**
	 * Puts a new key in charge of signing; the previous ones keep verifying the tokens
	 * they signed until they are retired.
	 */
	public String rotate() {
		SigningKey key = this.transactions.execute((status) -> {
			SigningKey created = generate(KeyStatus.ACTIVE, this.clock.instant());
			this.mapper.insert(created);
			this.mapper.demoteAllBut(created.kid(), this.clock.instant());
			return created;
		});
		reload();
		return key.kid();
	}

	/**
	 * Applies the steps of the schedule that are due (by whichever instance holds the key
	 * lock first; the others find nothing left to do), then reloads the keys.
	 */
	void rotateIfDue() {
		rotateIfDue(this.clock.instant());
	}

	/** The same, at a given moment (for the schedule's test). */
	List<KeyStep> rotateIfDue(Instant now) {
		// The named lock is the connection's: it is held on an outer transaction's
		// connection
		// while the steps commit in one of their own, and released only after that
		// commit.
		// Released inside the steps' own transaction, before its commit, the next
		// instance
		// read the keys without the NEXT key just inserted and published a second one
		// (SigningKeyRotationIT, now and then).
		List<KeyStep> applied = this.transactions.execute((outer) -> {
			this.mapper.lock(LOCK, 10);
			try {
				return this.ownTransaction.execute((status) -> {
					List<KeyStep> steps = this.schedule.due(this.mapper.findPublished(), now);
					steps.forEach((step) -> apply(step, now));
					return steps;
				});
			}
			finally {
				this.mapper.unlock(LOCK);
			}
		});
		if (!applied.isEmpty()) {
			log.info("Signing keys: {}", applied);
		}
		reload();
		return applied;
	}

	private void apply(KeyStep step, Instant now) {
		switch (step) {
			case KeyStep.PublishNext next -> this.mapper.insert(generate(KeyStatus.NEXT, next.activatesAt()));
			case KeyStep.Promote promote -> {
				if (this.mapper.activate(promote.kid(), now) == 1) {
					this.mapper.demoteAllBut(promote.kid(), now);
				}
			}
			case KeyStep.Retire retire -> this.mapper.retire(retire.kid(), now);
		}
	}

	private Loaded loaded() {
		Loaded current = this.loaded;
		return (current != null) ? current : reload();
	}

	/**
	 * Reads the keys again (package-private for the test of a start over an older key).
	 */
	synchronized Loaded reload() {
		List<SigningKey> rows = this.transactions.execute((status) -> {
			List<SigningKey> published = this.mapper.findPublished();
			if (signsWithTheCurrentAlgorithm(published)) {
				return published;
			}
			// same connection within the transaction, so the named lock holds until
			// release: instances starting together create one key
			this.mapper.lock(LOCK, 10);
			try {
				published = this.mapper.findPublished();
				if (!signsWithTheCurrentAlgorithm(published)) {
					SigningKey created = generate(KeyStatus.ACTIVE, this.clock.instant());
					this.mapper.insert(created);
					// an older key (ES256) stops signing and goes on verifying
					this.mapper.demoteAllBut(created.kid(), this.clock.instant());
					published = this.mapper.findPublished();
				}
				return published;
			}
			finally {
				this.mapper.unlock(LOCK);
			}
		});
		List<JWK> keys = rows.stream().map(SigningKeys::toJwk).toList();
		Loaded fresh = new Loaded(keys.get(0), new JWKSet(keys), this.clock.instant());
		this.loaded = fresh;
		return fresh;
	}

	private static boolean signsWithTheCurrentAlgorithm(List<SigningKey> published) {
		return !published.isEmpty() && published.get(0).status() == KeyStatus.ACTIVE
				&& ALGORITHM.getName().equals(published.get(0).algorithm());
	}

	private SigningKey generate(KeyStatus status, Instant activatesAt) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(RSA_BITS);
			KeyPair pair = generator.generateKeyPair();
			Base64.Encoder base64 = Base64.getEncoder();
			return new SigningKey(UUID.randomUUID().toString(), ALGORITHM.getName(),
					base64.encodeToString(pair.getPublic().getEncoded()),
					base64.encodeToString(pair.getPrivate().getEncoded()), status,
					this.clock.instant().truncatedTo(ChronoUnit.MILLIS), activatesAt.truncatedTo(ChronoUnit.MILLIS),
					null);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not generate a signing key", ex);
		}
	}

	private static JWK toJwk(SigningKey key) {
		try {
			Base64.Decoder base64 = Base64.getDecoder();
			X509EncodedKeySpec publicSpec = new X509EncodedKeySpec(base64.decode(key.publicKey()));
			PKCS8EncodedKeySpec privateSpec = new PKCS8EncodedKeySpec(base64.decode(key.privateKey()));
			JWSAlgorithm algorithm = JWSAlgorithm.parse(key.algorithm());
			if (JWSAlgorithm.RS256.equals(algorithm)) {
				KeyFactory factory = KeyFactory.getInstance("RSA");
				return new RSAKey.Builder((RSAPublicKey) factory.generatePublic(publicSpec))
					.privateKey((RSAPrivateKey) factory.generatePrivate(privateSpec))
					.keyID(key.kid())
					.algorithm(algorithm)
					.keyUse(KeyUse.SIGNATURE)
					.build();
			}
			if (JWSAlgorithm.ES256.equals(algorithm)) {
				KeyFactory factory = KeyFactory.getInstance("EC");
				return new ECKey.Builder(Curve.P_256, (ECPublicKey) factory.generatePublic(publicSpec))
					.privateKey((ECPrivateKey) factory.generatePrivate(privateSpec))
					.keyID(key.kid())
					.algorithm(algorithm)
					.keyUse(KeyUse.SIGNATURE)
					.build();
			}
			throw new IllegalStateException("Signing key " + key.kid() + " has an unknown algorithm " + algorithm);
		}
		catch (Exception ex) {
			// the message names the kid only, never key material
			throw new IllegalStateException("Could not read signing key " + key.kid(), ex);
		}
	}

	private record Loaded(JWK signing, JWKSet keys, Instant loadedAt) {
	}

}
