package io.minibase.auth.token;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
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
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 keys that sign and verify access tokens, kept in the auth schema so every
 * instance signs with the same key and verifies the others' tokens. The first instance to
 * start generates the key. It is also the {@link JWKSource} of this service's own token
 * verification: an unknown {@code kid} (a key another instance just rotated in) reloads
 * the keys, at most every few seconds.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

	private static final String LOCK = "signing-key";

	private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(5);

	private final SigningKeyMapper mapper;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile Loaded loaded;

	SigningKeys(SigningKeyMapper mapper, TransactionTemplate transactions, Clock clock) {
		this.mapper = mapper;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The key that signs new tokens. */
	ECKey signingKey() {
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
			SigningKey created = generate();
			this.mapper.insert(created);
			this.mapper.demoteAllBut(created.kid());
			return created;
		});
		reload();
		return key.kid();
	}

	private Loaded loaded() {
		Loaded current = this.loaded;
		return (current != null) ? current : reload();
	}

	private synchronized Loaded reload() {
		List<SigningKey> rows = this.transactions.execute((status) -> {
			List<SigningKey> published = this.mapper.findPublished();
			if (!published.isEmpty()) {
				return published;
			}
			// same connection within the transaction, so the named lock holds until
			// release
			this.mapper.lock(LOCK, 10);
			try {
				published = this.mapper.findPublished();
				if (published.isEmpty()) {
					this.mapper.insert(generate());
					published = this.mapper.findPublished();
				}
				return published;
			}
			finally {
				this.mapper.unlock(LOCK);
			}
		});
		List<JWK> keys = rows.stream().map(SigningKeys::toJwk).toList();
		Loaded fresh = new Loaded((ECKey) keys.get(0), new JWKSet(keys), this.clock.instant());
		this.loaded = fresh;
		return fresh;
	}

	private SigningKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			Base64.Encoder base64 = Base64.getEncoder();
			return new SigningKey(UUID.randomUUID().toString(), JWSAlgorithm.ES256.getName(),
					base64.encodeToString(pair.getPublic().getEncoded()),
					base64.encodeToString(pair.getPrivate().getEncoded()), SigningKey.ACTIVE,
					this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not generate a signing key", ex);
		}
	}

	private static JWK toJwk(SigningKey key) {
		try {
			KeyFactory factory = KeyFactory.getInstance("EC");
			Base64.Decoder base64 = Base64.getDecoder();
			ECPublicKey publicKey = (ECPublicKey) factory
				.generatePublic(new X509EncodedKeySpec(base64.decode(key.publicKey())));
			ECPrivateKey privateKey = (ECPrivateKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(key.privateKey())));
			return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey)
				.keyID(key.kid())
				.algorithm(JWSAlgorithm.ES256)
				.keyUse(KeyUse.SIGNATURE)
				.build();
		}
		catch (Exception ex) {
			// the message names the kid only, never key material
			throw new IllegalStateException("Could not read signing key " + key.kid(), ex);
		}
	}

	private record Loaded(ECKey signing, JWKSet keys, Instant loadedAt) {
	}

}
