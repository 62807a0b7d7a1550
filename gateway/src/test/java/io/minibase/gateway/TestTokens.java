package io.minibase.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens as auth-service issues them (RS256, {@code kid}, iss, aud, sub, jti,
 * roles, fid), signed by a key made for the test, whose JWKS a stub serves; or ES256, as
 * auth-service signed them before ADR 15.
 */
final class TestTokens {

	static final String ISSUER = "minibase-auth";

	static final String AUDIENCE = "minibase";

	private final JWK key;

	private final JWSAlgorithm algorithm;

	private TestTokens(JWK key, JWSAlgorithm algorithm) {
		this.key = key;
		this.algorithm = algorithm;
	}

	/** An RS256 key, as auth-service makes them. */
	static TestTokens generate(String keyId) {
		try {
			return new TestTokens(new RSAKeyGenerator(2048).keyID(keyId).algorithm(JWSAlgorithm.RS256).generate(),
					JWSAlgorithm.RS256);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An ES256 key, as auth-service made them before RS256. */
	static TestTokens generateEs256(String keyId) {
		try {
			return new TestTokens(new ECKeyGenerator(Curve.P_256).keyID(keyId).algorithm(JWSAlgorithm.ES256).generate(),
					JWSAlgorithm.ES256);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** This key's token, signed with another algorithm of the same key type (RS512). */
	String userSignedWith(JWSAlgorithm other, String userId) {
		return sign(claims(userId, List.of("USER")).build(), other);
	}

	/** The JWKS auth-service would publish for this key. */
	String jwks() {
		return new JWKSet(this.key.toPublicJWK()).toString();
	}

	/** The JWKS after a rotation: the old key still verifies, the new one signs. */
	static String jwks(TestTokens... keys) {
		return new JWKSet(Arrays.stream(keys).map((tokens) -> (JWK) tokens.key.toPublicJWK()).toList()).toString();
	}

	String user(String userId) {
		return sign(claims(userId, List.of("USER")).build());
	}

	String admin(String userId) {
		return sign(claims(userId, List.of("USER", "ADMIN")).build());
	}

	/** A user's token with some claims changed. */
	String user(String userId, Consumer<JWTClaimsSet.Builder> change) {
		JWTClaimsSet.Builder claims = claims(userId, List.of("USER"));
		change.accept(claims);
		return sign(claims.build());
	}

	/** A user's token with {@code alg: none}: no signature at all. */
	String unsigned(String userId) {
		return new PlainJWT(claims(userId, List.of("USER")).build()).serialize();
	}

	static JWTClaimsSet.Builder claims(String userId, List<String> roles) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject(userId)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", roles)
			.claim("fid", UUID.randomUUID().toString());
	}

	private String sign(JWTClaimsSet claims) {
		return sign(claims, this.algorithm);
	}

	private String sign(JWTClaimsSet claims, JWSAlgorithm with) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(with).keyID(this.key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
		try {
			JWSSigner signer = (this.key instanceof RSAKey rsa) ? new RSASSASigner(rsa)
					: new ECDSASigner((ECKey) this.key);
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
