package io.minibase.auth.token;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.minibase.auth.AuthIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens are trusted only when auth-service signed them with RS256 (or ES256, with
 * a key made before RS256), for this audience, from this issuer, and they have not
 * expired.
 */
class AccessTokenVerificationIT extends AuthIntegrationTest {

	@Autowired
	SigningKeys keys;

	@Autowired
	SigningKeyMapper mapper;

	@Test
	void aTokenThisServiceSignedIsAccepted() throws Exception {
		String userId = login("mock-ivan-1").get("user").get("id").asString();

		assertThat(this.keys.signingKey()).isInstanceOf(RSAKey.class);
		assertThat(get("/api/users/me", sign(this.keys.signingKey(), claims(userId).build())).statusCode())
			.isEqualTo(200);
	}

	@Test
	void anExpiredTokenIsRefused() throws Exception {
		String userId = login("mock-judy-1").get("user").get("id").asString();
		Instant past = Instant.now().minus(2, ChronoUnit.HOURS);
		JWTClaimsSet expired = claims(userId).issueTime(Date.from(past))
			.notBeforeTime(Date.from(past))
			.expirationTime(Date.from(past.plus(15, ChronoUnit.MINUTES)))
			.build();

		assertUnauthorized(sign(this.keys.signingKey(), expired));
	}

	@Test
	void anUnsignedTokenIsRefused() {
		String userId = login("mock-mallory-1").get("user").get("id").asString();

		assertUnauthorized(new PlainJWT(claims(userId).build()).serialize());
	}

	@Test
	void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
		String userId = login("mock-oscar-1").get("user").get("id").asString();
		// same kid, so only the signature gives the forgery away
		RSAKey forged = new RSAKeyGenerator(2048).keyID(this.keys.signingKey().getKeyID())
			.algorithm(JWSAlgorithm.RS256)
			.generate();

		assertUnauthorized(sign(forged, claims(userId).build()));
		assertUnauthorized(
				sign(new ECKeyGenerator(Curve.P_256).keyID("unknown").algorithm(JWSAlgorithm.ES256).generate(),
						claims(userId).build()));
	}

	@Test
	void aTokenWithAnotherAlgorithmIsRefused() throws Exception {
		String userId = login("mock-peggy-1").get("user").get("id").asString();
		// HS256 keyed with the public key: the classic algorithm-confusion forgery
		byte[] secret = this.keys.signingKey().toPublicJWK().toJSONString().getBytes();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(this.keys.signingKey().getKeyID())
			.type(JOSEObjectType.JWT)
			.build(), claims(userId).build());
		jwt.sign(new MACSigner(secret));

		assertUnauthorized(jwt.serialize());
		// the right key, but an algorithm the verifiers do not pin
		SignedJWT rs512 = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS512).keyID(this.keys.signingKey().getKeyID())
					.type(JOSEObjectType.JWT)
					.build(),
				claims(userId).build());
		rs512.sign(new RSASSASigner((RSAKey) this.keys.signingKey()));
		assertUnauthorized(rs512.serialize());
	}

	@Test
	void aTokenForAnotherAudienceOrIssuerIsRefused() throws Exception {
		String userId = login("mock-trent-1").get("user").get("id").asString();

		assertUnauthorized(sign(this.keys.signingKey(), claims(userId).audience("someone-else").build()));
		assertUnauthorized(sign(this.keys.signingKey(), claims(userId).issuer("someone-else").build()));
	}

	@Test
	void aTokenSignedByAKeyRotatedOutStillVerifiesWhileNewTokensUseTheNewKey() throws Exception {
		JwtParts before = parts(login("mock-victor-1").get("accessToken").asString());

		String newKid = this.keys.rotate();

		JwtParts after = parts(login("mock-victor-2").get("accessToken").asString());
		assertThat(after.kid()).isEqualTo(newKid).isNotEqualTo(before.kid());
		assertThat(get("/api/users/me", before.token()).statusCode()).isEqualTo(200);
		assertThat(get("/.well-known/jwks.json", null).body()).contains(before.kid()).contains(newKid);
	}

	@Test
	void anEs256KeyLeftSigningByAnEarlierVersionIsRotatedOutAndItsTokensStillVerify() throws Exception {
		String userId = login("mock-walter-1").get("user").get("id").asString();
		ECKey earlier = new ECKeyGenerator(Curve.P_256).keyID("es256-" + UUID.randomUUID())
			.algorithm(JWSAlgorithm.ES256)
			.generate();
		Base64.Encoder base64 = Base64.getEncoder();
		this.mapper.insert(
				new SigningKey(earlier.getKeyID(), "ES256", base64.encodeToString(earlier.toECPublicKey().getEncoded()),
						base64.encodeToString(earlier.toECPrivateKey().getEncoded()), KeyStatus.ACTIVE,
						Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS),
						Instant.now().truncatedTo(ChronoUnit.MILLIS), null));
		this.mapper.demoteAllBut(earlier.getKeyID(), Instant.now());
		String oldToken = sign(earlier, claims(userId).build());

		this.keys.reload();

		JwtParts fresh = parts(login("mock-walter-2").get("accessToken").asString());
		assertThat(fresh.alg()).isEqualTo("RS256");
		assertThat(fresh.kid()).isNotEqualTo(earlier.getKeyID());
		assertThat(get("/api/users/me", oldToken).statusCode()).isEqualTo(200);
		assertThat(get("/api/users/me", fresh.token()).statusCode()).isEqualTo(200);
		assertThat(get("/.well-known/jwks.json", null).body()).contains(earlier.getKeyID()).contains(fresh.kid());
	}

	private void assertUnauthorized(String token) {
		HttpResponse<String> response = get("/api/users/me", token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	private static JWTClaimsSet.Builder claims(String userId) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("minibase-auth")
			.audience("minibase")
			.subject(userId)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(5, ChronoUnit.MINUTES)))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", List.of("USER"));
	}

	private static String sign(JWK key, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder((JWSAlgorithm) key.getAlgorithm()).keyID(key.getKeyID())
			.type(JOSEObjectType.JWT)
			.build(), claims);
		JWSSigner signer = (key instanceof RSAKey rsa) ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static JwtParts parts(String token) {
		String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
		var node = json.readTree(header);
		return new JwtParts(token, node.get("kid").asString(), node.get("alg").asString());
	}

	record JwtParts(String token, String kid, String alg) {
	}

}
