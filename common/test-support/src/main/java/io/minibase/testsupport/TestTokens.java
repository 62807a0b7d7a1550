package io.minibase.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for auth-service in a service's tests: an RS256 key, tokens signed with it
 * the way auth-service signs them, and a tiny HTTP server publishing its JWKS. Point the
 * service at it with {@code minibase.tokens.jwk-set-uri = TestTokens.jwksUri()}.
 */
public final class TestTokens {

	private static final RSAKey KEY = generate();

	private static final HttpServer JWKS = serve();

	private TestTokens() {
	}

	/** Where the test key's JWKS is served. */
	public static String jwksUri() {
		return "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/.well-known/jwks.json";
	}

	/** A token of user 42 with these roles. */
	public static String token(String... roles) {
		return tokenFrom("minibase-auth", roles);
	}

	/** A token of user 42 from this issuer. */
	public static String tokenFrom(String issuer, String... roles) {
		return signed(issuer, "42", roles);
	}

	/** A token of this user (the subject) with role USER. */
	public static String user(String subject) {
		return signed("minibase-auth", subject, "USER");
	}

	private static String signed(String issuer, String subject, String... roles) {
		return signedBy(KEY, issuer, subject, Duration.ofMinutes(10), roles);
	}

	/**
	 * A token signed by another key (one a test publishes, rotates in or retires, see
	 * {@link PublishedKeys}), living {@code lifetime} from the machine's time.
	 */
	public static String signedBy(RSAKey key, String subject, Duration lifetime) {
		return signedBy(key, "minibase-auth", subject, lifetime, "USER");
	}

	private static String signedBy(RSAKey key, String issuer, String subject, Duration lifetime, String... roles) {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
				.audience("minibase")
				.subject(subject)
				.claim("roles", List.of(roles))
				.issueTime(new Date())
				.expirationTime(Date.from(Instant.now().plus(lifetime)))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An RS256 key, as auth-service makes them. */
	public static RSAKey rsaKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).algorithm(JWSAlgorithm.RS256).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generate() {
		return rsaKey("test-key");
	}

	private static HttpServer serve() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/.well-known/jwks.json", (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
