package io.minibase.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.minibase.auth.config.AuthProperties;

import org.springframework.stereotype.Component;

/** Signs access tokens: short-lived RS256 JWTs that every service verifies on its own. */
@Component
class AccessTokens {

	/** The claim naming the refresh-token family, so logout can revoke it. */
	static final String FAMILY_CLAIM = "fid";

	static final String ROLES_CLAIM = "roles";

	private final SigningKeys keys;

	private final AuthProperties properties;

	private final Clock clock;

	AccessTokens(SigningKeys keys, AuthProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	String issue(long userId, String familyId, List<String> roles) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.audience(this.properties.audience())
			.subject(String.valueOf(userId))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.properties.accessTokenTtl())))
			.jwtID(UUID.randomUUID().toString())
			.claim(ROLES_CLAIM, roles)
			.claim(FAMILY_CLAIM, familyId)
			.build();
		JWK key = this.keys.signingKey();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder((JWSAlgorithm) key.getAlgorithm()).keyID(key.getKeyID())
			.type(JOSEObjectType.JWT)
			.build(), claims);
		try {
			jwt.sign(signer(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token with key " + key.getKeyID(), ex);
		}
		return jwt.serialize();
	}

	private static JWSSigner signer(JWK key) throws JOSEException {
		// the signing key is ES256 only until the first start of this version rotates it
		return (key instanceof RSAKey rsa) ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
	}

}
