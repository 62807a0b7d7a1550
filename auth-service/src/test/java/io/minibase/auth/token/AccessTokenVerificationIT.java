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
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.minibase.auth.AuthIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens are trusted only when auth-service signed them with ES256, for this
 * audience, from this issuer, and they have not expired.
 */
class AccessTokenVerificationIT extends AuthIntegrationTest {

	@Autowired
	SigningKeys keys;

	@Test
	void aTokenThisServiceSignedIsAccepted() throws Exception {
		String userId = login("mock-ivan-1").get("user").get("id").asString();

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
		ECKey forged = new ECKeyGenerator(Curve.P_256).keyID(this.keys.signingKey().getKeyID()).generate();

		assertUnauthorized(sign(forged, claims(userId).build()));
		assertUnauthorized(sign(new ECKeyGenerator(Curve.P_256).keyID("unknown").generate(), claims(userId).build()));
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

	private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private static JwtParts parts(String token) {
		String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
		return new JwtParts(token, json.readTree(header).get("kid").asString());
	}

	record JwtParts(String token, String kid) {
	}

}
