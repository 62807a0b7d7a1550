package io.minibase.common.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.minibase.common.tokens.AccessTokenClaims;
import io.minibase.common.tokens.AuthServiceKeys;
import io.minibase.testsupport.MutableClock;
import io.minibase.testsupport.PublishedKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceServerTest {

	private static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final TokenProperties tokens = TokenProperties.withoutFetching("minibase-auth", "minibase", 16);

	private final RSAKey key = rsa("k1");

	// a key auth-service made before it signed with RS256 (ADR 15), still published
	private final ECKey earlier = ec("k0");

	private final JwtDecoder decoder = ResourceServer.decoder(
			new ImmutableJWKSet<>(new JWKSet(List.of(this.key.toPublicJWK(), this.earlier.toPublicJWK()))),
			this.tokens);

	// auth-service's JWKS as a service keeps it, on a clock the tests move
	private final MutableClock clock = MutableClock.startingNow();

	private final PublishedKeys published = new PublishedKeys().publish(this.key);

	private final AuthServiceKeys authServiceKeys = AuthServiceKeys.publishedBy(this.published, MAX_AGE,
			Duration.ofSeconds(10), this.clock);

	private final JwtDecoder rotating = ResourceServer.decoder(this.authServiceKeys, this.tokens, this.clock);

	@AfterEach
	void stopTheKeys() throws Exception {
		this.authServiceKeys.close();
	}

	@Test
	void aTokenSignedWithTheKeyForThisIssuerAndAudienceIsAccepted() throws Exception {
		Jwt jwt = this.decoder.decode(sign(this.key, claims("minibase-auth", "minibase", 60)));
		assertThat(jwt.getSubject()).isEqualTo("42");
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
	}

	@Test
	void aTokenSignedByAnEs256KeyFromBeforeIsAccepted() throws Exception {
		assertThat(this.decoder.decode(sign(this.earlier, claims("minibase-auth", "minibase", 60))).getSubject())
			.isEqualTo("42");
	}

	@Test
	void wrongIssuerAudienceOrExpiryIsRefused() throws Exception {
		assertThatThrownBy(() -> this.decoder.decode(sign(this.key, claims("someone-else", "minibase", 60))))
			.isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> this.decoder.decode(sign(this.key, claims("minibase-auth", "another-app", 60))))
			.isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> this.decoder.decode(sign(this.key, claims("minibase-auth", "minibase", -600))))
			.isInstanceOf(JwtException.class);
	}

	@Test
	void anotherKeyAnotherAlgorithmOrNoSignatureIsRefused() throws Exception {
		assertThatThrownBy(() -> this.decoder.decode(sign(rsa("k1"), claims("minibase-auth", "minibase", 60))))
			.isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> this.decoder.decode(sign(ec("k0"), claims("minibase-auth", "minibase", 60))))
			.isInstanceOf(JwtException.class);
		SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
				claims("minibase-auth", "minibase", 60));
		hmac.sign(new MACSigner(new byte[32]));
		assertThatThrownBy(() -> this.decoder.decode(hmac.serialize())).isInstanceOf(JwtException.class);
		// the right key, an algorithm that is not pinned
		SignedJWT rs512 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("k1").build(),
				claims("minibase-auth", "minibase", 60));
		rs512.sign(new RSASSASigner(this.key));
		assertThatThrownBy(() -> this.decoder.decode(rs512.serialize())).isInstanceOf(JwtException.class);
		String none = new PlainJWT(new PlainHeader(), claims("minibase-auth", "minibase", 60)).serialize();
		assertThatThrownBy(() -> this.decoder.decode(none)).isInstanceOf(JwtException.class);
	}

	@Test
	void aTokenSignedBeforeARotationKeepsWorkingUntilItExpires() throws Exception {
		String shown = sign(this.key, claims("minibase-auth", "minibase", 15 * 60));
		String notYetShown = sign(this.key, claims("minibase-auth", "minibase", 15 * 60));
		assertThat(this.rotating.decode(shown).getSubject()).isEqualTo("42");
		// auth-service publishes the next key ahead, then signs with it; k1 stays
		// published until the tokens it signed have expired
		this.published.publish(this.key, rsa("k2"));
		this.clock.advance(MAX_AGE.plusMinutes(5));

		assertThat(this.rotating.decode(shown).getSubject()).isEqualTo("42");
		assertThat(this.rotating.decode(notYetShown).getSubject()).as("verified with the keys fetched again")
			.isEqualTo("42");
		this.clock.advance(Duration.ofMinutes(6).plus(AccessTokenClaims.DEFAULT_CLOCK_SKEW));
		assertThatThrownBy(() -> this.rotating.decode(shown)).as("expired").isInstanceOf(JwtValidationException.class);
		assertThatThrownBy(() -> this.rotating.decode(notYetShown)).isInstanceOf(JwtValidationException.class);
	}

	@Test
	void aTokenSignedByANewKeyIsAcceptedTheMomentTheKeyIsPublished() throws Exception {
		assertThat(this.rotating.decode(sign(this.key, claims("minibase-auth", "minibase", 60))).getSubject())
			.isEqualTo("42");
		RSAKey next = rsa("k2");
		this.published.publish(this.key, next);

		assertThat(this.rotating.decode(sign(next, claims("minibase-auth", "minibase", 60))).getSubject())
			.as("no restart, no waiting for the max age")
			.isEqualTo("42");
	}

	@Test
	void aTokenSignedByARetiredKeyIsRefusedOnceTheKeysAreFetchedAgain() throws Exception {
		RSAKey next = rsa("k2");
		this.published.publish(this.key, next);
		assertThat(this.rotating.decode(sign(this.key, claims("minibase-auth", "minibase", 3600))).getSubject())
			.isEqualTo("42");
		this.published.publish(next);
		this.clock.advance(MAX_AGE.plusSeconds(1));

		// signed by the retired key, not expired (a leaked key): the 401 of a bad token
		assertThatThrownBy(() -> this.rotating.decode(sign(this.key, claims("minibase-auth", "minibase", 3600))))
			.isInstanceOf(BadJwtException.class);
		assertThat(this.rotating.decode(sign(next, claims("minibase-auth", "minibase", 3600))).getSubject())
			.isEqualTo("42");
	}

	private static JWTClaimsSet claims(String issuer, String audience, long secondsToLive) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.audience(List.of(audience))
			.subject("42")
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", List.of("USER"))
			.issueTime(Date.from(now.minusSeconds(Math.max(0, -secondsToLive) + 1)))
			.expirationTime(Date.from(now.plusSeconds(secondsToLive)))
			.build();
	}

	private static String sign(JWK key, JWTClaimsSet claims) throws JOSEException {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder((JWSAlgorithm) key.getAlgorithm()).keyID(key.getKeyID()).build(), claims);
		JWSSigner signer = (key instanceof RSAKey rsa) ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static RSAKey rsa(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).algorithm(JWSAlgorithm.RS256).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey ec(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).algorithm(JWSAlgorithm.ES256).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
